// Size watches that end when their element leaves the page. A view drawn
// again (each navigation) makes new elements; observers left on the old ones
// piled up, each holding its detached element and the view's data.

const live = new Set();

/** Call `onResize` whenever `element` changes size while it is on the page. */
export function watchSize(element, onResize) {
  sweep();
  const entry = { element, seen: false, observer: null };
  entry.observer = new ResizeObserver(() => {
    if (!element.isConnected) {
      // Not on the page yet (observers report once at the start), or left it.
      if (entry.seen) end(entry);
      return;
    }
    entry.seen = true;
    onResize();
  });
  entry.observer.observe(element);
  live.add(entry);
}

/** End the watches of elements that were on the page and have left it. */
function sweep() {
  for (const entry of live) {
    if (entry.seen && !entry.element.isConnected) end(entry);
  }
}

function end(entry) {
  entry.observer.disconnect();
  live.delete(entry);
}
