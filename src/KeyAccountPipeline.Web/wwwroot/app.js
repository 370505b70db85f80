// Marks the page once its Blazor circuit is live, so tests and scripts can wait for
// interactivity instead of sleeping (a prerendered page ignores clicks until then).
window.kap = {
    markLive: () => {
        performance.mark("circuit-live");
        document.documentElement.setAttribute("data-circuit", "live");
    },

    // The server dropped this page's circuit (the person opened too many): the page shows why; here the browser
    // stops talking to the server and the reload button starts a new circuit. The disconnect waits a tick so that
    // this call's answer reaches the server first.
    closeCircuit: () => {
        document.documentElement.setAttribute("data-circuit", "closed");
        document.querySelector("[data-reload]")?.addEventListener("click", () => location.reload());
        setTimeout(() => Blazor.disconnect?.(), 0);
    },

    // Brings a card into view in its column after a save, so the user sees where it went. A
    // virtualized column has not drawn it yet: scroll to its slot and Virtualize draws it there.
    reveal: (stage, id, index, itemSize) => {
        const body = document.querySelector(`section[data-stage='${stage}'] .column-body`);
        const card = body?.querySelector(`[data-deal-id='${id}']`);
        if (card) {
            card.scrollIntoView({ block: "nearest" });
        } else if (body && itemSize > 0) {
            body.scrollTop = Math.max(0, index * itemSize - body.clientHeight / 3);
        }
    },

    // Review mode's keys: ← → page (asked of the page), Esc goes back to the board, F toggles full screen here, in the
    // key's own event, because browsers allow full screen only in answer to a user's action. Keys typed into a field
    // stay there; Esc in a field only leaves the field. Returns a handle whose dispose() removes the listener.
    reviewKeys: (page) => {
        const onKey = (e) => {
            if (e.ctrlKey || e.metaKey || e.altKey) {
                return;
            }
            const field = e.target.closest?.("input, textarea, select, [contenteditable='true']");
            if (field) {
                if (e.key === "Escape") {
                    field.blur();
                }
                return;
            }
            if (e.key === "f" || e.key === "F") {
                e.preventDefault();
                kap.toggleFullscreen();
            } else if (e.key === "ArrowRight" || e.key === "ArrowLeft" || e.key === "Escape") {
                e.preventDefault();
                page.invokeMethodAsync("OnReviewKey", e.key);
            }
        };
        document.addEventListener("keydown", onKey);
        return { dispose: () => document.removeEventListener("keydown", onKey) };
    },

    toggleFullscreen: () => {
        if (document.fullscreenElement) {
            document.exitFullscreen?.();
        } else {
            document.documentElement.requestFullscreen?.().catch(() => { });
        }
    },

    print: () => window.print(),
};
