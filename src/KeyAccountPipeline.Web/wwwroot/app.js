// Marks the page once its Blazor circuit is live, so tests and scripts can wait for
// interactivity instead of sleeping (a prerendered page ignores clicks until then).
window.kap = {
    markLive: () => document.documentElement.setAttribute("data-circuit", "live"),
};
