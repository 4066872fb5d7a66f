//! The item ids of a dataset, each with the first item that has it.
//!
//! The table holds only item indexes: an id is hashed and compared where it is written, in
//! the file's text, so no id is copied (a dataset may hold a million of them). foldhash: several
//! times faster than the default SipHash on short ids, and seeded per run, so that a file
//! cannot choose ids that collide.

use std::hash::BuildHasher;

use hashbrown::hash_table::Entry;
use hashbrown::HashTable;

use super::{Item, ItemIdx, Texts};
use crate::span::compact;

#[derive(Clone, Default)]
pub struct ItemIds {
    /// Item indexes as `u32`s ([`compact`]), half the table.
    table: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    /// How many ids were added, a repeated one too: whatever was looked up before the last
    /// of them may have another answer now.
    added: usize,
}

impl ItemIds {
    /// A table with room for `items` ids: growing hashes every id again, each read from the
    /// text, a cache miss apiece (13% of the reader's time on a large file went there).
    pub fn with_capacity(items: usize) -> Self {
        ItemIds { table: HashTable::with_capacity(items), hasher: Default::default(), added: 0 }
    }

    /// The first of `items` (whose texts are `texts`) whose id is `id`.
    pub fn get(&self, items: &[Item], texts: &Texts, id: &str) -> Option<ItemIdx> {
        let id_at = |i: u32| id_of(items, texts, i);
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |&i| id_at(i) == Some(id)).map(|&i| i as ItemIdx)
    }

    /// How many ids were added so far.
    pub fn added(&self) -> usize {
        self.added
    }

    /// Indexes the id of `items[index]`. If an item has it already, the id keeps the earlier
    /// of the two (items may be indexed out of file order), and the other one is returned.
    pub fn insert(&mut self, items: &[Item], texts: &Texts, index: ItemIdx) -> Option<ItemIdx> {
        let id_at = |i: u32| id_of(items, texts, i);
        let id = id_at(compact(index))?;
        self.added += 1;
        let hasher = &self.hasher;
        let rehash = |&i: &u32| hasher.hash_one(id_at(i).unwrap_or_default());
        let hash = hasher.hash_one(id);
        match self.table.entry(hash, |&i| id_at(i) == Some(id), rehash) {
            Entry::Occupied(mut first) => {
                let other = *first.get();
                *first.get_mut() = other.min(compact(index));
                Some(other as ItemIdx)
            }
            Entry::Vacant(slot) => {
                slot.insert(compact(index));
                None
            }
        }
    }
}

/// The id of item `index` of `items`, read where `texts` keeps it.
fn id_of<'a>(items: &[Item], texts: &'a Texts, index: u32) -> Option<&'a str> {
    items[index as ItemIdx].id.as_ref().map(|id| texts.get(id.value))
}

/// The ids are in the items: only how many is shown.
impl std::fmt::Debug for ItemIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ItemIds({})", self.table.len())
    }
}
