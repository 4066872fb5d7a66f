//! Cycles in a directed graph of items, found without recursion (a chain of 100,000 links
//! must not overflow the stack). One cycle is reported per strongly connected component, as a
//! path that starts with the component's first edge in file order.

use std::collections::{HashMap, VecDeque};

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::index::ItemRef;

/// foldhash: the nodes are every item a link or reference touches, hashed once each.
type Fast = foldhash::fast::RandomState;

/// A directed edge between two items; `order` sorts edges in file order.
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub from: ItemRef,
    pub to: ItemRef,
    pub order: (usize, usize),
}

/// The edges of a list of steps, by index.
struct Edges<'s, T, F> {
    steps: &'s [T],
    edge_of: F,
}

impl<T, F: Fn(&T) -> &Edge> Edges<'_, T, F> {
    fn get(&self, i: usize) -> &Edge {
        (self.edge_of)(&self.steps[i])
    }
}

/// A cycle: indexes into the edges given, in path order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle {
    pub edges: Vec<usize>,
    /// How many items the strongly connected component holds (at least the cycle's length).
    pub component_size: usize,
}

/// One cycle per strongly connected component that has one, in file order of first edges:
/// the edges are those of `steps` (whatever else a step holds), read in place, not copied out.
pub fn cycles<T>(steps: &[T], edge_of: impl Fn(&T) -> &Edge) -> Vec<Cycle> {
    let edges = Edges { steps, edge_of };
    let mut graph: DiGraph<ItemRef, usize> = DiGraph::new();
    let mut nodes: HashMap<ItemRef, NodeIndex, Fast> = HashMap::default();
    for (i, edge) in steps.iter().map(&edges.edge_of).enumerate() {
        let from = *nodes.entry(edge.from).or_insert_with(|| graph.add_node(edge.from));
        let to = *nodes.entry(edge.to).or_insert_with(|| graph.add_node(edge.to));
        graph.add_edge(from, to, i);
    }
    let mut component = vec![usize::MAX; graph.node_count()];
    let sccs = kosaraju_scc(&graph);
    for (c, scc) in sccs.iter().enumerate() {
        for node in scc {
            component[node.index()] = c;
        }
    }
    let mut first_edge: HashMap<usize, usize, Fast> = HashMap::default();
    for edge in graph.edge_references() {
        let (a, b) = (component[edge.source().index()], component[edge.target().index()]);
        let cyclic = a == b && (sccs[a].len() > 1 || edge.source() == edge.target());
        if cyclic {
            let i = *edge.weight();
            let slot = first_edge.entry(a).or_insert(i);
            if edges.get(i).order < edges.get(*slot).order {
                *slot = i;
            }
        }
    }
    let mut found: Vec<Cycle> = first_edge
        .into_iter()
        .map(|(c, start)| {
            let path = back_path(&graph, &component, c, nodes[&edges.get(start).to], nodes[&edges.get(start).from]);
            let mut cycle = vec![start];
            cycle.extend(path);
            Cycle { edges: cycle, component_size: sccs[c].len() }
        })
        .collect();
    found.sort_by_key(|cycle| edges.get(cycle.edges[0]).order);
    found
}

/// The shortest path of edges from `start` to `goal` inside component `c` (breadth first).
fn back_path(
    graph: &DiGraph<ItemRef, usize>,
    component: &[usize],
    c: usize,
    start: NodeIndex,
    goal: NodeIndex,
) -> Vec<usize> {
    let mut came_by: HashMap<NodeIndex, (NodeIndex, usize)> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        if node == goal {
            break;
        }
        for edge in graph.edges(node) {
            let next = edge.target();
            if component[next.index()] == c && next != start && !came_by.contains_key(&next) {
                came_by.insert(next, (node, *edge.weight()));
                queue.push_back(next);
            }
        }
    }
    let mut path = Vec::new();
    let mut node = goal;
    while node != start {
        let Some(&(previous, edge)) = came_by.get(&node) else {
            break;
        };
        path.push(edge);
        node = previous;
    }
    path.reverse();
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: usize, to: usize, order: usize) -> Edge {
        Edge { from: (0, from), to: (0, to), order: (0, order) }
    }

    #[test]
    fn a_three_item_loop_is_one_cycle_starting_at_its_first_edge() {
        let edges = [edge(1, 2, 5), edge(2, 3, 1), edge(3, 1, 9), edge(3, 4, 2)];
        let found = cycles(&edges, |e| e);
        assert_eq!(found, vec![Cycle { edges: vec![1, 2, 0], component_size: 3 }]);
    }

    #[test]
    fn self_loops_and_separate_loops() {
        let edges = [edge(7, 7, 3), edge(1, 2, 1), edge(2, 1, 2)];
        let found = cycles(&edges, |e| e);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].edges, vec![1, 2]);
        assert_eq!(found[1].edges, vec![0]);
    }

    #[test]
    fn a_dag_has_no_cycle() {
        let edges = [edge(1, 2, 0), edge(2, 3, 1), edge(1, 3, 2)];
        assert!(cycles(&edges, |e| e).is_empty());
    }

    #[test]
    fn a_chain_of_100000_links_closed_into_a_loop_does_not_overflow() {
        let mut edges: Vec<Edge> = (0..100_000).map(|i| edge(i, i + 1, i)).collect();
        assert!(cycles(&edges, |e| e).is_empty());
        edges.push(edge(100_000, 0, 100_000));
        let found = cycles(&edges, |e| e);
        assert_eq!(found[0].edges.len(), 100_001);
    }
}
