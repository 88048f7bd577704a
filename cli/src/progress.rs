//! Progress bars on standard error for work that takes seconds or more.
//!
//! Bars draw only when standard error is a terminal, so scripts and CI logs stay clean.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A byte-counting bar with `len` total bytes and `message` in front; hidden when `quiet`.
pub fn bytes_bar(len: u64, message: &'static str, quiet: bool) -> ProgressBar {
	let target = if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr() };
	let bar = ProgressBar::with_draw_target(Some(len), target);
	if let Ok(style) = ProgressStyle::with_template(
		"{msg:>10} [{bar:32}] {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
	) {
		bar.set_style(style.progress_chars("=> "));
	}
	bar.set_message(message);
	bar
}
