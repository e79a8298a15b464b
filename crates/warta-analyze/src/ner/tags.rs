//! BIOES tags over [`EntityKind`]: `O`, then `B-`, `I-`, `E-` (last word) and `S-`
//! (a name of one word) for each kind. Marking the last word and one-word names gives
//! the model what distinguishes a name's end ("Pati" alone is a place, "kota Pati" ends
//! one), which BIO leaves to the next word's tag (Ratinov & Roth 2009).

use warta_model::EntityKind;

pub type Tag = u8;

/// Kinds the data sets annotate (`Other` is never a label, so it has no tags).
pub const KINDS: [EntityKind; 5] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
    EntityKind::Event,
    EntityKind::Product,
];

/// Number of tags: `O` plus four for each kind.
pub const COUNT: usize = 1 + 4 * KINDS.len();

pub const O: Tag = 0;

const BEGIN: u8 = 0;
const INSIDE: u8 = 1;
const END: u8 = 2;
const SINGLE: u8 = 3;

fn index(kind: EntityKind) -> u8 {
    KINDS.iter().position(|k| *k == kind).expect("a kind with tags") as u8
}

fn make(kind: EntityKind, part: u8) -> Tag {
    1 + 4 * index(kind) + part
}

pub fn begin(kind: EntityKind) -> Tag {
    make(kind, BEGIN)
}

pub fn inside(kind: EntityKind) -> Tag {
    make(kind, INSIDE)
}

pub fn end(kind: EntityKind) -> Tag {
    make(kind, END)
}

pub fn single(kind: EntityKind) -> Tag {
    make(kind, SINGLE)
}

pub fn kind(tag: Tag) -> Option<EntityKind> {
    if tag == O {
        None
    } else {
        Some(KINDS[((tag - 1) / 4) as usize])
    }
}

fn part(tag: Tag) -> Option<u8> {
    (tag != O).then(|| (tag - 1) % 4)
}

/// Does the tag leave a name open, so that the next word must continue it?
fn opens(tag: Tag) -> bool {
    matches!(part(tag), Some(BEGIN | INSIDE))
}

/// May `next` follow `prev` (`None` = sentence start)? `I-X` and `E-X` only continue
/// `B-X`/`I-X`; everything else only follows a closed name or `O`.
pub fn allowed(prev: Option<Tag>, next: Tag) -> bool {
    let open = prev.filter(|&p| opens(p));
    match part(next) {
        Some(INSIDE | END) => open.is_some_and(|p| kind(p) == kind(next)),
        _ => open.is_none(),
    }
}

/// May a sentence end on this tag? Not inside an open name.
pub fn may_end(tag: Tag) -> bool {
    !opens(tag)
}

/// Which tags are open when only `kinds` may be chosen.
pub fn mask(kinds: &[EntityKind]) -> [bool; COUNT] {
    let mut m = [false; COUNT];
    m[O as usize] = true;
    for &k in kinds {
        for p in [BEGIN, INSIDE, END, SINGLE] {
            m[make(k, p) as usize] = true;
        }
    }
    m
}

/// Entity spans `(start token, end token exclusive, kind)` of a tag sequence. Reads BIO
/// as well as BIOES: a name runs while `I-`/`E-` tags of its kind follow an open tag.
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityKind)> = None;
    let mut last = O;
    for (i, &t) in tags.iter().enumerate() {
        let continues = matches!(part(t), Some(INSIDE | END)) && opens(last) && open.is_some_and(|(_, k)| Some(k) == kind(t));
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if let Some(k) = kind(t) {
                open = Some((i, k));
            }
        }
        last = t;
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

/// The BIOES tags of a sentence of `len` words with these names.
pub fn encode(len: usize, names: &[(usize, usize, EntityKind)]) -> Vec<Tag> {
    let mut out = vec![O; len];
    for &(s, e, k) in names {
        if e - s == 1 {
            out[s] = single(k);
        } else {
            out[s] = begin(k);
            out[s + 1..e - 1].fill(inside(k));
            out[e - 1] = end(k);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_and_bioes_give_the_same_names() {
        let (p, pl) = (EntityKind::Person, EntityKind::Place);
        let bio = [O, begin(p), inside(p), inside(p), begin(pl), begin(pl), O, inside(pl)];
        let names = spans(&bio);
        assert_eq!(names, vec![(1, 4, p), (4, 5, pl), (5, 6, pl), (7, 8, pl)]);
        let bioes = encode(bio.len(), &names);
        assert_eq!(bioes, vec![O, begin(p), inside(p), end(p), single(pl), single(pl), O, single(pl)]);
        assert_eq!(spans(&bioes), names);
    }

    #[test]
    fn names_close_before_anything_new_starts() {
        let p = EntityKind::Person;
        assert!(allowed(None, single(p)) && allowed(Some(end(p)), begin(p)));
        assert!(!allowed(Some(begin(p)), O) && !allowed(Some(begin(p)), single(p)));
        assert!(allowed(Some(begin(p)), end(p)) && !allowed(Some(O), end(p)));
        assert!(!allowed(Some(begin(p)), end(EntityKind::Place)));
        assert!(!may_end(inside(p)) && may_end(end(p)) && may_end(O));
    }
}
