//! The app's effects and loaded values through one instantiation of Leptos's
//! effect and resource machinery. `Effect::new` is generic over its closure, so
//! every call site compiled its own copy of the effect's spawned task, its
//! observer, cleanup and scheduling code; boxing the closure at the edge leaves
//! two copies (`effect`, `effect_until`) for all the app's effects. A
//! `LocalResource` is generic over its value: [`Loaded`] stores every value as
//! one type and reads it back as its own.
//! (Memos done the same way came out 245 B larger: a memo is generic over its
//! value anyway, and most are small.)

use leptos::prelude::*;
use std::any::Any;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

/// An effect: runs `f` now and again whenever a signal it read changes.
pub fn effect(f: impl FnMut() + 'static) {
    effect_boxed(Box::new(f));
}

fn effect_boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_: Option<()>| f());
}

/// An effect that stops once `f` has returned true (a step done once, when
/// what it waits for has come): it is not run again after that.
pub fn effect_until(f: impl FnMut() -> bool + 'static) {
    effect_until_boxed(Box::new(f));
}

fn effect_until_boxed(mut f: Box<dyn FnMut() -> bool>) {
    Effect::new(move |done: Option<bool>| {
        // Returning without reading a signal leaves the effect with no sources.
        done == Some(true) || f()
    });
}

/// What a [`Loaded`] holds, whatever its type: one instantiation of Leptos's
/// resource code for the whole app.
type Answer = Rc<dyn Any>;
type Loading = Pin<Box<dyn Future<Output = Answer>>>;

/// A value loaded while the page is there (a `LocalResource`), typed for the
/// page but stored as one type for the app: `LocalResource` is generic over its
/// value, so each answer type compiled its own copy of the loading task, its
/// state and its future (about 2 KB of wasm each).
pub struct Loaded<T: 'static> {
    inner: LocalResource<Answer>,
    kind: PhantomData<fn() -> T>,
}

impl<T: 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Loaded<T> {}

impl<T: 'static> Loaded<T> {
    /// Loads `fetcher()` now, and again when a signal it read changes or on [`Loaded::refetch`].
    pub fn new<Fut: Future<Output = T> + 'static>(fetcher: impl Fn() -> Fut + 'static) -> Self {
        Self {
            inner: resource_boxed(Box::new(move || {
                let fut = fetcher();
                Box::pin(async move { Rc::new(fut.await) as Answer })
            })),
            kind: PhantomData,
        }
    }

    /// Loads it again.
    pub fn refetch(&self) {
        self.inner.refetch();
    }

    /// Reads the value, `None` while it loads (tracked).
    pub fn with<U>(&self, f: impl FnOnce(Option<&T>) -> U) -> U {
        self.inner.with(|a| f(a.as_ref().map(own::<T>)))
    }
}

impl<T: Clone + 'static> Loaded<T> {
    /// The value, `None` while it loads (tracked).
    pub fn get(&self) -> Option<T> {
        self.with(|v| v.cloned())
    }
}

fn resource_boxed(fetcher: Box<dyn Fn() -> Loading>) -> LocalResource<Answer> {
    LocalResource::new(fetcher)
}

fn own<T: 'static>(a: &Answer) -> &T {
    a.downcast_ref()
        .expect("a loaded value has the type it was loaded as")
}

impl<T: Clone + 'static> IntoFuture for Loaded<T> {
    type Output = T;
    type IntoFuture = Answered<T>;

    /// Waits for the value (in a `Suspense`, which shows its fallback meanwhile).
    fn into_future(self) -> Answered<T> {
        Answered {
            inner: awaited(self.inner),
            kind: PhantomData,
        }
    }
}

/// Waiting for a [`Loaded`]'s value (`Send` for `Suspend`, as Leptos's own future is).
type Waiting = Pin<Box<dyn Future<Output = Answer> + Send>>;

fn awaited(r: LocalResource<Answer>) -> Waiting {
    Box::pin(r.into_future())
}

/// The value of a [`Loaded`], once it has come.
pub struct Answered<T> {
    inner: Waiting,
    kind: PhantomData<fn() -> T>,
}

impl<T: Clone + 'static> Future for Answered<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        self.get_mut()
            .inner
            .as_mut()
            .poll(cx)
            .map(|a| own::<T>(&a).clone())
    }
}
