//! `import`: front ends that turn other publications into `yosan/1` datasets, which are then
//! checked like any other. One module per source.

pub mod rs;
