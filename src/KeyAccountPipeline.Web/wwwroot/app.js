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
};
