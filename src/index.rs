//! `index`: the ids of a run, so that references resolve in constant time.
//!
//! Dataset ids are unique across the run; item ids within their dataset. A reference is an
//! item id in the same dataset or `DATASET:ITEM`.

use std::collections::HashMap;

use crate::findings::Defect;
use crate::model::{Dataset, ItemIdx, Reference, SchemaDefect};

/// An item somewhere in the run: (dataset index, item index).
pub type ItemRef = (usize, ItemIdx);

/// The dataset ids of a run; item ids are indexed by each dataset as it is read
/// ([`Dataset::ids`]).
#[derive(Debug, Default)]
pub struct Index {
    datasets: HashMap<String, usize>,
}

impl Index {
    /// Indexes the datasets; a dataset id used twice is a `duplicate-id` defect.
    pub fn build(datasets: &[Dataset]) -> (Index, Vec<(SchemaDefect, Defect)>) {
        let mut index = Index::default();
        let mut defects = Vec::new();
        for (d, dataset) in datasets.iter().enumerate() {
            let Some(id) = &dataset.id else { continue };
            match index.datasets.get(&id.value) {
                None => {
                    index.datasets.insert(id.value.clone(), d);
                }
                Some(&first) => {
                    let earlier = datasets[first].id.as_ref().map_or(id.span, |i| i.span);
                    let defect = Defect::new(
                        dataset.file,
                        id.span,
                        format!("the dataset id `{}` is used by two files", id.value),
                    )
                    .label("used again here")
                    .with_label(datasets[first].file, earlier, "first used here")
                    .help("give each dataset an id of its own, e.g. with the fiscal year and budget kind: `r4-initial`")
                    .in_dataset(Some(&id.value), None);
                    defects.push((SchemaDefect::DuplicateId, defect));
                }
            }
        }
        (index, defects)
    }

    /// The dataset with this id.
    pub fn dataset(&self, id: &str) -> Option<usize> {
        self.datasets.get(id).copied()
    }

    /// Resolves `reference` written in dataset `from` among `datasets`, the run's.
    pub fn resolve(&self, datasets: &[Dataset], from: usize, reference: &Reference) -> Option<ItemRef> {
        let dataset = match &reference.dataset {
            Some(id) => self.dataset(id)?,
            None => from,
        };
        let item = datasets.get(dataset)?.item_by_id(&reference.item)?;
        Some((dataset, item))
    }
}
