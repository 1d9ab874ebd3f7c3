//! One page of a longer list, with how many there are in all.

use crate::domain::search::page_count;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items the whole list holds (a `count(*)`, never the length of a page).
    pub total: i64,
    /// 1-based.
    pub page: u32,
    pub pages: u32,
}

impl<T> Page<T> {
    pub fn new(items: Vec<T>, total: i64, page: u32) -> Self {
        Page { items, total, page, pages: page_count(total) }
    }

    pub fn empty() -> Self {
        Page::new(Vec::new(), 0, 1)
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page::empty()
    }
}
