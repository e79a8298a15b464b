//! The data files under `resources/` are compiled into the crate; rebuild when any of
//! them changes or a new one appears.
fn main() {
    println!("cargo:rerun-if-changed=../../resources");
}
