//! Paging shared by queries and scans: a stream that holds one page at a
//! time, follows LastEvaluatedKey through empty pages (a filter can empty a
//! page that still has a successor), and never re-requests a key it has seen.

use super::cursor::Cursor;
use crate::{Error, Item, Result};
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use std::collections::VecDeque;

/// One page as DynamoDB returned it.
pub(crate) struct RawPage {
    pub(crate) items: Vec<Item>,
    pub(crate) count: u64,
    pub(crate) last_key: Option<Item>,
}

/// Fetches the page that starts after `start`.
pub(crate) type Fetch<'a> =
    Box<dyn Fn(Option<Item>) -> BoxFuture<'a, Result<RawPage>> + Send + Sync + 'a>;

/// One page of results and where the next one starts.
#[derive(Debug)]
pub struct Page<T> {
    /// The page's items (possibly none, when a filter removed them all).
    pub items: Vec<T>,
    /// Where to continue, or `None` when this was the last page.
    pub next: Option<Cursor>,
}

struct State<'a, T> {
    fetch: Fetch<'a>,
    decode: fn(Item) -> Result<T>,
    buffer: VecDeque<Item>,
    next: Option<Item>,
    started: bool,
    done: bool,
}

/// Every item from `start` on, page after page.
pub(crate) fn stream<'a, T: Send + 'a>(
    fetch: Fetch<'a>,
    decode: fn(Item) -> Result<T>,
    start: Option<Item>,
) -> BoxStream<'a, Result<T>> {
    let state = State {
        fetch,
        decode,
        buffer: VecDeque::new(),
        next: start,
        started: false,
        done: false,
    };
    Box::pin(futures::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(item) = st.buffer.pop_front() {
                let decoded = (st.decode)(item);
                return Some((decoded, st));
            }
            if st.done || (st.started && st.next.is_none()) {
                return None;
            }
            let start = st.next.take();
            st.started = true;
            match (st.fetch)(start.clone()).await {
                Ok(page) => {
                    if page.last_key.is_some() && page.last_key == start {
                        st.done = true;
                        return Some((Err(repeated_key()), st));
                    }
                    st.buffer = page.items.into();
                    st.next = page.last_key;
                }
                Err(e) => {
                    st.done = true;
                    return Some((Err(e), st));
                }
            }
        }
    }))
}

fn repeated_key() -> Error {
    Error::Refused {
        message: "DynamoDB returned the page's own start key as LastEvaluatedKey; stopping instead of looping".to_owned(),
    }
}

/// One page from `start`, for manual paging.
pub(crate) async fn page<T>(
    fetch: Fetch<'_>,
    decode: fn(Item) -> Result<T>,
    start: Option<Item>,
) -> Result<Page<T>> {
    let raw = fetch(start).await?;
    let items = raw
        .items
        .into_iter()
        .map(decode)
        .collect::<Result<Vec<T>>>()?;
    Ok(Page {
        items,
        next: raw.last_key.map(Cursor),
    })
}

/// The number of matching items over every page.
pub(crate) async fn count(fetch: Fetch<'_>) -> Result<u64> {
    let mut total = 0;
    let mut start = None;
    loop {
        let raw = fetch(start.clone()).await?;
        total += raw.count;
        match raw.last_key {
            Some(k) if Some(&k) == start.as_ref() => return Err(repeated_key()),
            Some(k) => start = Some(k),
            None => return Ok(total),
        }
    }
}
