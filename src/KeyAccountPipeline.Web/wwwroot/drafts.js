// Dialog drafts (decision 0031-drafts): the text typed into a deal's dialog, kept in this browser's localStorage under
// "kap.draft:<person>:<deal>:<dialog>" until it is saved or discarded, so a click beside the dialog, a reload, a
// restarted server, a revoked sign-in or a closed tab does not lose it. Old drafts (two weeks) are dropped when read.
const prefix = "kap.draft:";
const maxAgeMs = 14 * 24 * 3600 * 1000;

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

export function write(key, fields) {
    try {
        localStorage.setItem(prefix + key, JSON.stringify({ fields, savedAt: new Date().toISOString() }));
    } catch {
        // Storage full or disabled: the dialog still works, without a draft.
    }
}

export function remove(key) {
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
