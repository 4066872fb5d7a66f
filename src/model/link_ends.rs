//! Where each link's ends lead within its own dataset, found by the model's reader as it reads
//! each link, beside the parse.
//!
//! Why: the link checks (`dangling-reference`, `link-cycle`) would otherwise look up both ends
//! of every link after the whole file is read, once each: a lookup is three dependent cache
//! misses (the id table, the item, the id's text), 200 ns apiece on a large file, and a file
//! of 100,000 links spent most of those checks' time on them. The reader's core has time to
//! spare while the parser works.
//!
//! An end found early stays right only while no id is added after it (a file may list its
//! links before its items): the ends are kept with the number of ids added so far, and are
//! found again when that number has changed ([`LinkEnds::is_current`]).

use super::ItemIdx;
use crate::span::compact;

/// Which end of a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkEnd {
    From,
    To,
}

/// An end that names no item of its dataset, or is written with a dataset, or is not written.
const NOT_HERE: u32 = u32::MAX;

#[derive(Clone, Debug, Default)]
pub(crate) struct LinkEnds {
    /// The items each link's `from` and `to` lead to, by link.
    ends: Vec<[u32; 2]>,
    /// How many ids had been added when the first of them was found.
    ids_added: usize,
}

impl LinkEnds {
    /// Keeps the ends of the next link, found when `ids_added` ids had been added.
    pub(crate) fn push(&mut self, ends: [Option<ItemIdx>; 2], ids_added: usize) {
        if self.ends.is_empty() {
            self.ids_added = ids_added;
        }
        self.ends.push(ends.map(|end| end.map_or(NOT_HERE, compact)));
    }

    /// Whether the ends kept are those of `links` links with `ids_added` ids added.
    pub(crate) fn is_current(&self, links: usize, ids_added: usize) -> bool {
        self.ends.len() == links && (links == 0 || self.ids_added == ids_added)
    }

    pub(crate) fn clear(&mut self) {
        self.ends.clear();
    }

    /// Where end `end` of link `l` leads, as kept.
    pub(crate) fn get(&self, l: usize, end: LinkEnd) -> Option<ItemIdx> {
        let found = self.ends[l][end as usize];
        (found != NOT_HERE).then_some(found as ItemIdx)
    }
}
