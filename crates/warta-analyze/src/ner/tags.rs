//! BIO tags over [`EntityKind`]: `O`, then `B-kind` and `I-kind` for each kind.

use warta_model::EntityKind;

pub type Tag = u8;

pub const KINDS: [EntityKind; 6] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
    EntityKind::Event,
    EntityKind::Product,
    EntityKind::Other,
];

/// Number of tags: `O` plus B and I for each kind.
pub const COUNT: usize = 1 + 2 * KINDS.len();

pub const O: Tag = 0;

fn index(kind: EntityKind) -> u8 {
    KINDS.iter().position(|k| *k == kind).unwrap() as u8
}

pub fn begin(kind: EntityKind) -> Tag {
    1 + 2 * index(kind)
}

pub fn inside(kind: EntityKind) -> Tag {
    2 + 2 * index(kind)
}

pub fn kind(tag: Tag) -> Option<EntityKind> {
    if tag == O {
        None
    } else {
        Some(KINDS[((tag - 1) / 2) as usize])
    }
}

pub fn is_inside(tag: Tag) -> bool {
    tag != O && (tag - 1) % 2 == 1
}

/// May `next` follow `prev` (`None` = sentence start)? `I-X` only continues `B-X`/`I-X`.
pub fn allowed(prev: Option<Tag>, next: Tag) -> bool {
    if !is_inside(next) {
        return true;
    }
    match prev {
        Some(p) if p != O => kind(p) == kind(next),
        _ => false,
    }
}

/// Which tags are open when only `kinds` may be chosen.
pub fn mask(kinds: &[EntityKind]) -> [bool; COUNT] {
    let mut m = [false; COUNT];
    m[O as usize] = true;
    for &k in kinds {
        m[begin(k) as usize] = true;
        m[inside(k) as usize] = true;
    }
    m
}

/// Entity spans `(start token, end token exclusive, kind)` of a tag sequence.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = is_inside(t) && open.is_some_and(|(_, k)| Some(k) == kind(t));
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if let Some(k) = kind(t) {
                open = Some((i, k));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}
