//! Creating something that must exist exactly once: nothing lost, nothing duplicated.
//!
//! A POST is not safe to repeat. After an *ambiguous* failure (timeout, connection broken
//! after sending, 5xx) the server may have stored the item, so before posting again the client
//! looks it up by name (and type) and adopts it if it is there. After an *unambiguous* failure
//! (429, connection refused, a 401 answered before processing) it simply retries. A
//! duplicate-name answer to a repeated POST also means the earlier one went through: look it
//! up and adopt it. When the budget runs out after an ambiguous failure, one last lookup runs
//! before giving up, so an item that was stored is returned rather than leaked.
//!
//! The POST answer may be empty or not the item (Prisma Cloud's classic family answers 200
//! with no body): the new item is then found by name, a few times if the list lags.
//!
//! A stop ([`Transport::stop`](crate::Transport::stop)) that lands while the outcome is
//! unknown (after an ambiguous failure, or after a successful POST but before the new item was
//! found) takes one last look, a single list call made even though the client is stopped, so
//! that an item that was stored is returned and recorded rather than left behind. When even
//! the final lookup fails, the error is [`Error::CreateOutcomeUnknown`], naming what to look
//! for. Once the item is known to exist, a vendor's follow-up steps report failures as
//! [`Error::CreatedIncomplete`] ([`created_incomplete`]) so that nothing is left untracked.

use std::future::Future;

use crate::{Api, Attempt, Authorize, Error, Redactions, RequestSpec, Response};

/// What a successful POST answered.
#[derive(Debug)]
pub enum Posted<T> {
    /// The created item (from the answer, or read back by the id it gave).
    Item(T),
    /// An answer that does not identify the item: find it by name.
    Unidentified,
}

/// One create, as the vendor's client describes it to [`create`].
pub trait Create: Sync {
    /// The created thing, as the client returns it.
    type Item: Send;

    /// The POST, sent as is on every attempt.
    fn post(&self) -> &RequestSpec;

    /// The request's secrets, masked in what is kept of the answers.
    fn redactions(&self) -> Redactions<'_>;

    /// Its name, for errors that tell the user what to look for.
    fn name(&self) -> &str;

    /// Its type, for the same errors.
    fn item_type(&self) -> &str;

    /// Whether an error answer to the POST says the name is taken.
    fn name_taken(&self, error: &Error) -> bool;

    /// The item a 2xx answer created. Once it is known to exist, a failure (reading it back
    /// by id) must be [`Error::CreatedIncomplete`].
    fn created(
        &self,
        response: &Response,
    ) -> impl Future<Output = Result<Posted<Self::Item>, Error>> + Send;

    /// The item with this name and type, in a list sent after this call began.
    fn lookup(&self) -> impl Future<Output = Result<Option<Self::Item>, Error>> + Send;

    /// One list call made even though the client is stopped ([`Api::last_look`]): the item if
    /// it is there, `None` if it is not or the call failed.
    fn last_look(&self) -> impl Future<Output = Option<Self::Item>> + Send;
}

/// Creates `op`'s item through `api`: POSTs once, and again only when that cannot duplicate.
pub async fn create<A: Authorize, C: Create>(api: &Api<A>, op: &C) -> Result<C::Item, Error> {
    let mut may_exist = false;
    match post_until_known(api, op, &mut may_exist).await {
        Err(Error::Stopped { service }) if may_exist => {
            tracing::debug!("stopped while a create's outcome was unknown; one last look");
            op.last_look().await.ok_or(Error::Stopped { service })
        }
        other => other,
    }
}

/// POSTs (again only when safe) until the item is known to exist or known not to. Sets
/// `may_exist` once the server may have stored it.
async fn post_until_known<A: Authorize, C: Create>(
    api: &Api<A>,
    op: &C,
    may_exist: &mut bool,
) -> Result<C::Item, Error> {
    let spec = op.post();
    let mut retrier = api.retrier(spec, op.redactions());
    loop {
        match api.attempt(spec, &mut retrier).await? {
            Attempt::Done(response) if response.status.is_success() => {
                *may_exist = true;
                return match op.created(&response).await? {
                    Posted::Item(item) => Ok(item),
                    Posted::Unidentified => {
                        tracing::debug!(
                            path = spec.endpoint.template,
                            "create answer is not the item; finding it by name"
                        );
                        find_created(api, op)
                            .await?
                            .ok_or_else(|| Error::CreatedButNotFound {
                                service: api.transport.vendor().service,
                                name: op.name().to_owned(),
                                integration_type: op.item_type().to_owned(),
                            })
                    }
                };
            }
            Attempt::Done(response) => {
                let error = api.error(spec, &response, retrier.attempts(), op.redactions());
                if *may_exist && op.name_taken(&error) {
                    tracing::debug!("name taken after an ambiguous create failure; looking it up");
                    if let Some(found) = lookup_or_unknown(api, op).await? {
                        return Ok(found);
                    }
                }
                return Err(error);
            }
            Attempt::Retryable(failure) => {
                let ambiguous = failure.is_ambiguous();
                *may_exist |= ambiguous;
                match retrier.pause(failure).await {
                    Ok(()) if ambiguous => {
                        if let Some(found) = lookup_or_unknown(api, op).await? {
                            return Ok(found);
                        }
                    }
                    Ok(()) => {}
                    Err(error) if error.is_stopped() => return Err(error),
                    Err(error) if ambiguous => {
                        return match lookup_or_unknown(api, op).await? {
                            Some(found) => Ok(found),
                            None => Err(error),
                        };
                    }
                    Err(error) => return Err(error),
                }
            }
        }
    }
}

/// [`Create::lookup`] after the server may have stored the item: a failed lookup leaves the
/// outcome unknown, and says so.
async fn lookup_or_unknown<A: Authorize, C: Create>(
    api: &Api<A>,
    op: &C,
) -> Result<Option<C::Item>, Error> {
    match op.lookup().await {
        Err(error) if !error.is_stopped() => Err(Error::CreateOutcomeUnknown {
            service: api.transport.vendor().service,
            name: op.name().to_owned(),
            integration_type: op.item_type().to_owned(),
            source: Box::new(error),
        }),
        other => other,
    }
}

/// Looks up an item the API said it created, giving a list that lags behind the store a few
/// chances (with backoff) before concluding it is not there. The item may exist from here on:
/// a lookup that fails leaves the outcome unknown ([`Error::CreateOutcomeUnknown`]), never a
/// plain error a caller could take for "nothing was created".
async fn find_created<A: Authorize, C: Create>(
    api: &Api<A>,
    op: &C,
) -> Result<Option<C::Item>, Error> {
    let transport = &api.transport;
    let mut retry = 0;
    loop {
        if let Some(found) = lookup_or_unknown(api, op).await? {
            return Ok(Some(found));
        }
        if retry >= transport.max_retries() {
            return Ok(None);
        }
        let delay = transport.backoff().delay(retry, None, &mut rand::rng());
        transport.sleep(delay).await?;
        retry += 1;
    }
}

/// [`Error::CreatedIncomplete`]: the item exists as `id`, but `step` failed. Even when the
/// follow-up was stopped, the caller must learn the id of what now exists.
pub fn created_incomplete(id: &str, step: &'static str, source: Error) -> Error {
    Error::CreatedIncomplete {
        id: id.to_owned(),
        step,
        source: Box::new(source),
    }
}
