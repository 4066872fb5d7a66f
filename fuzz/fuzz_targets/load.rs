//! The loader on any text: never a panic, and every span it gives lies inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yosan::load::{load, Limits, Node};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match load(text, &Limits::default()) {
        Ok(document) => {
            let mut stack: Vec<&Node<'_>> = document.root.iter().collect();
            while let Some(node) = stack.pop() {
                assert!(node.span.start() <= node.span.end() && node.span.end() <= text.len());
                stack.extend(node.children());
            }
            for comment in &document.comments {
                assert!(comment.span.end() <= text.len());
            }
        }
        Err(error) => assert!(error.span.start() <= text.len()),
    }
});
