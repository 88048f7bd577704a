//! What the calls do, by feature: each call in `lib.rs` checks its origin and hands over to a
//! `do_*` function here.

mod lifecycle;
mod ownership;
mod proposals;
mod signatures;
mod versions;
