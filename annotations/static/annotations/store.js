// The annotations the reader can see, as plain records: top-level ones in document order and
// replies by parent. The page loads them in the server's compact shape and each write answers
// in the W3C shape; both are read into the same record here, and nowhere else.
// Listeners hear about each change ({type: "put" | "remove", record, previous}) so that the
// views re-render only what it touched.

export class Store {
  constructor() {
    this.top = []; // top-level records in document order
    this.byId = new Map();
    this.replies = new Map(); // parent uuid → replies, oldest first
    this.listeners = [];
    this.links = {};
    this.entities = new Map(); // id → {id, kind, name, url}: the article's people and organisations
  }

  subscribe(listener) {
    this.listeners.push(listener);
  }

  emit(change) {
    for (const listener of this.listeners) listener(change);
  }

  // The compact payload of annotations/compact.py.
  load(payload) {
    this.links = payload.links;
    for (const [id, kind, name, url] of payload.entities || []) {
      this.entities.set(id, { id, kind, name, url });
    }
    const index = Object.fromEntries(payload.fields.map((name, i) => [name, i]));
    const flags = payload.flags;
    for (const row of payload.items) {
      const bits = row[index.flags];
      const [username, name] = payload.owners[row[index.owner]];
      const record = {
        uuid: row[index.uuid],
        parent: row[index.parent],
        owner: username,
        ownerName: name || username,
        start: row[index.start],
        end: row[index.end],
        exact: row[index.exact],
        colour: row[index.colour],
        visibility: row[index.visibility],
        version: row[index.version],
        created: row[index.created],
        note: row[index.note],
        noteHtml: row[index.noteHtml],
        tags: row[index.tags],
        anchorState: row[index.anchorState],
        entities: row[index.entities] || [],
        pending: false,
      };
      for (const [key, bit] of Object.entries(flags)) record[key] = Boolean(bits & bit);
      this.link(record);
      this.byId.set(record.uuid, record);
      // Already in document order: one pass, not a sorted insert per item.
      if (record.parent) this.repliesOf(record.parent, true).push(record);
      else this.top.push(record);
    }
  }

  // One annotation as the W3C API answers a write.
  fromW3C(annotation) {
    const g = annotation.glossa;
    const selectors = annotation.target?.selector || [];
    const place = selectors.find((s) => s.type === "TextPositionSelector") || {};
    const quote = selectors.find((s) => s.type === "TextQuoteSelector") || {};
    const record = {
      uuid: g.uuid,
      parent: g.parent,
      owner: g.owner,
      ownerName: annotation.creator?.name || g.owner,
      start: place.start ?? null,
      end: place.end ?? null,
      exact: quote.exact || "",
      colour: g.colour,
      visibility: g.visibility,
      version: g.version,
      created: Date.parse(annotation.created),
      note: g.note,
      noteHtml: g.noteHtml,
      tags: g.tags,
      anchorState: g.anchorState,
      isOwner: g.isOwner,
      canEdit: g.canEdit,
      canDelete: g.canDelete,
      canReply: g.canReply,
      needsConfirmation: g.needsConfirmation,
      entities: g.entities || [],
      pending: false,
    };
    this.link(record, annotation.id);
    return record;
  }

  // The addresses to write to, from the templates the server sent.
  link(record, url) {
    const fill = (template) => template && template.replace("{uuid}", record.uuid);
    record.url = url || fill(this.links.annotation);
    record.repliesUrl = fill(this.links.replies);
  }

  // The people and organisations a record is about, as the article lists them.
  entitiesOf(record) {
    return (record.entities || []).map((id) => this.entities.get(id)).filter(Boolean);
  }

  get(uuid) {
    return this.byId.get(uuid) || null;
  }

  repliesOf(uuid, create = false) {
    let thread = this.replies.get(uuid);
    if (!thread && create) this.replies.set(uuid, (thread = []));
    return thread || [];
  }

  // Adds or replaces a record (a saved one may replace the pending one it was shown as).
  put(record, { replacing } = {}) {
    const previous = this.get(replacing || record.uuid);
    if (previous) this.detach(previous);
    this.byId.set(record.uuid, record);
    if (record.parent) this.repliesOf(record.parent, true).push(record);
    else this.top.splice(this.indexFor(record), 0, record);
    this.emit({ type: "put", record, previous });
  }

  remove(uuid) {
    const record = this.get(uuid);
    if (!record) return;
    this.detach(record);
    for (const reply of this.repliesOf(uuid)) this.byId.delete(reply.uuid);
    this.replies.delete(uuid);
    this.emit({ type: "remove", record });
  }

  detach(record) {
    this.byId.delete(record.uuid);
    if (record.parent) {
      const thread = this.repliesOf(record.parent);
      const at = thread.indexOf(record);
      if (at >= 0) thread.splice(at, 1);
      return;
    }
    const at = this.top.indexOf(record);
    if (at >= 0) this.top.splice(at, 1);
  }

  // Where a record goes in document order (binary search: a thousand records, one insert).
  indexFor(record) {
    let low = 0;
    let high = this.top.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (byPlace(this.top[middle], record) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

export function byPlace(a, b) {
  const key = (r) => [r.start ?? Infinity, r.end ?? Infinity];
  const [as, ae] = key(a);
  const [bs, be] = key(b);
  return as - bs || ae - be || a.created - b.created;
}
