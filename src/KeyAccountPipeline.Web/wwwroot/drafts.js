// Dialog drafts (decision 0031-drafts): the text typed into a deal's dialog, kept in this browser's localStorage under
// "kap.draft:<person>:<deal>:<dialog>" until it is saved or discarded, so a click beside the dialog, a reload, a
// restarted server, a revoked sign-in or a closed tab does not lose it. Old drafts (two weeks) are dropped when read.
// A draft holds "fields" (the dialog's text as the server last heard it, by its field name) and "inputs" (what was typed
// into the dialog's text boxes, by box: written here on each input, because a text box hands its value to the server
// only when it loses focus, and a reload or a dropped circuit comes before that).
const prefix = "kap.draft:";
const maxAgeMs = 14 * 24 * 3600 * 1000;
const inputDelayMs = 300;
const textBoxes = "textarea, input:not([type]), input[type=text], input[type=search], input[type=email], input[type=tel], input[type=url]";
const early = new WeakMap(); // dialog element -> { box: value } typed before watch
const watched = new Map(); // draft key -> { dialog, initial: Map(box -> value), pending: { box: value } | null, timer }

function parse(text) {
    try {
        const draft = JSON.parse(text);
        return draft && draft.fields && Date.now() - Date.parse(draft.savedAt) < maxAgeMs ? draft : null;
    } catch {
        return null;
    }
}

export function read(key) {
    try {
        const draft = parse(localStorage.getItem(prefix + key));
        if (!draft) {
            localStorage.removeItem(prefix + key);
        }
        return draft;
    } catch {
        return null; // storage disabled: nothing kept, nothing offered
    }
}

function store(key, fields, inputs) {
    try {
        if (Object.keys(fields).length === 0 && Object.keys(inputs).length === 0) {
            localStorage.removeItem(prefix + key);
        } else {
            localStorage.setItem(prefix + key, JSON.stringify({ fields, inputs, savedAt: new Date().toISOString() }));
        }
    } catch {
        // Storage full or disabled: the dialog still works, without a draft.
    }
}

// The server's view of the fields; what was typed into the boxes stays.
export function write(key, fields) {
    store(key, fields, read(key)?.inputs ?? {});
}

export function remove(key) {
    const watch = watched.get(key);
    if (watch) {
        // Saved or discarded: typing not yet written must not bring the draft back.
        clearTimeout(watch.timer);
        watch.pending = null;
        watch.initial = boxes(watch.dialog);
    }
    try {
        localStorage.removeItem(prefix + key);
    } catch {
        // Storage disabled.
    }
}

// The drafts whose key starts with keyPrefix ("<person>:<deal>:"): [{ dialog, savedAt }], newest first.
export function list(keyPrefix) {
    const found = [];
    try {
        for (let i = 0; i < localStorage.length; i++) {
            const key = localStorage.key(i);
            if (key && key.startsWith(prefix + keyPrefix)) {
                const draft = parse(localStorage.getItem(key));
                if (draft) {
                    found.push({ dialog: key.substring(prefix.length + keyPrefix.length), savedAt: draft.savedAt });
                }
            }
        }
    } catch {
        // Storage disabled.
    }
    return found.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

// The dialog's text boxes by a name that is the same each time it opens: its data-test, else its place among the boxes.
function boxes(dialog) {
    return new Map([...dialog.querySelectorAll(textBoxes)].map(box => [nameOf(dialog, box), box.value]));
}

function nameOf(dialog, box) {
    return box.getAttribute("data-test") ?? `#${[...dialog.querySelectorAll(textBoxes)].indexOf(box)}`;
}

function flush(key) {
    const watch = watched.get(key);
    if (!watch || !watch.pending) {
        return;
    }
    clearTimeout(watch.timer);
    const draft = read(key);
    const inputs = { ...(draft?.inputs ?? {}), ...watch.pending };
    watch.pending = null;
    for (const [name, value] of Object.entries(inputs)) {
        if (value === (watch.initial.get(name) ?? "")) {
            delete inputs[name]; // back to what the dialog opened with: nothing to keep
        }
    }
    store(key, draft?.fields ?? {}, inputs);
}

function typed(event) {
    if (!event.target.matches?.(textBoxes)) {
        return;
    }
    for (const [key, watch] of watched) {
        if (watch.dialog.contains(event.target)) {
            watch.pending = { ...(watch.pending ?? {}), [nameOf(watch.dialog, event.target)]: event.target.value };
            clearTimeout(watch.timer);
            watch.timer = setTimeout(() => flush(key), inputDelayMs);
            return;
        }
    }
    // Typed before the dialog's watch call arrived (the server is a round trip away): kept for it.
    const dialog = event.target.closest(".mud-dialog");
    if (dialog) {
        early.set(dialog, { ...(early.get(dialog) ?? {}), [nameOf(dialog, event.target)]: event.target.value });
    }
}

function flushAll() {
    for (const key of watched.keys()) {
        flush(key);
    }
}

document.addEventListener("input", typed, true);
// A reload (the server restarted), a sign-in page loaded in full, a closed tab: what was typed is written first.
addEventListener("pagehide", flushAll);
document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flushAll());

// Keeps what is typed into the open deal dialog (the topmost .mud-dialog) under key, from now until unwatch.
export function watch(key) {
    const dialogs = document.querySelectorAll(".mud-dialog");
    const dialog = dialogs[dialogs.length - 1];
    if (dialog) {
        const pending = early.get(dialog) ?? null;
        const initial = boxes(dialog);
        for (const name of Object.keys(pending ?? {})) {
            initial.delete(name); // already typed in: what it opened with is not known here, take it as empty
        }
        early.delete(dialog);
        watched.set(key, { dialog, initial, pending, timer: 0 });
        if (pending) {
            flush(key);
        }
    }
}

// The dialog closed: what was typed and not yet written is written now.
export function unwatch(key) {
    flush(key);
    watched.delete(key);
}

// Puts what was typed into the boxes back, each as a change the server hears (the dialog's binding takes it as typed).
export function refill(key) {
    const watch = watched.get(key);
    const inputs = read(key)?.inputs;
    if (!watch || !inputs) {
        return;
    }
    const dialogBoxes = [...watch.dialog.querySelectorAll(textBoxes)];
    for (const [name, value] of Object.entries(inputs)) {
        const box = dialogBoxes.find(b => nameOf(watch.dialog, b) === name);
        if (box && box.value !== value) {
            box.value = value;
            box.dispatchEvent(new Event("input", { bubbles: true }));
            box.dispatchEvent(new Event("change", { bubbles: true }));
        }
    }
}
