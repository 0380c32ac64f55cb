import { parentPort, workerData } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { open, stat, readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { constants } from 'node:fs';
import { promises, createReadStream } from 'fs';

/**
 * The three outcomes every entry maps to an exit code:
 *   0 release allowed · 1 release blocked (including evidence that could not be fetched) ·
 *   2 invalid invocation or configuration (nothing evaluated).
 */
const EXIT = { blocked: 1, invalid: 2 };
/**
 * An error meant for a person: `message` is one line that names what was asked, what went wrong
 * and the fix. Never a raw stack or a server's HTML page.
 */
class GateError extends Error {
    kind;
    constructor(kind, message, options) {
        super(message, options);
        this.kind = kind;
        this.name = 'GateError';
    }
    get exitCode() {
        return this.kind === 'invalid' ? EXIT.invalid : EXIT.blocked;
    }
}
const invalid = (message, cause) => new GateError('invalid', message, cause === undefined ? undefined : { cause });

/**
 * SHA-256 of a file, read into one reused buffer (evaluation files and models can be GBs). A read
 * stream makes a new 4 MiB Buffer per chunk, and hashing outruns decoding, so a 1 GB file left
 * hundreds of MiB of them for the collector at once (bench/recompute, the 10M-row case).
 */
async function sha256File(path) {
    const hash = createHash('sha256');
    const handle = await open(path, 'r');
    try {
        const buffer = Buffer.allocUnsafe(HASH_CHUNK);
        let position = 0;
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
            if (bytesRead === 0)
                break;
            hash.update(buffer.subarray(0, bytesRead));
            position += bytesRead;
        }
    }
    finally {
        await handle.close();
    }
    return hash.digest('hex');
}
const HASH_CHUNK = 1024 * 1024;

/**
 * Column buffers handed back by the consumer of a batch, for the reader to fill again. Without it
 * every batch is a fresh ~10 MB of typed arrays that lives until the next garbage collection, and
 * V8 lets a hundred MiB of those pile up before it collects (measured in bench/recompute). A
 * buffer is only reused once the consumer has given it back, so no batch it still reads is
 * overwritten. The pool needs no size limit: the reader allocates only when the pool is empty,
 * so it never holds more buffers than were out at once (columns × batches in flight); a cap
 * below that dropped most of a wide batch's buffers and made the reader allocate anyway.
 */
class BufferPool {
    free = [];
    float64(length) {
        return new Float64Array(this.take(length * Float64Array.BYTES_PER_ELEMENT) ?? new ArrayBuffer(length * 8), 0, length);
    }
    int32(length) {
        return new Int32Array(this.take(length * Int32Array.BYTES_PER_ELEMENT) ?? new ArrayBuffer(length * 4), 0, length);
    }
    /** The smallest given-back buffer of at least `bytes`, so a code column does not take a number column's buffer. */
    take(bytes) {
        let best = -1;
        for (let i = 0; i < this.free.length; i++) {
            const size = this.free[i].byteLength;
            if (size >= bytes && (best < 0 || size < this.free[best].byteLength))
                best = i;
        }
        return best < 0 ? undefined : this.free.splice(best, 1)[0];
    }
    /** Gives buffers back; a detached (transferred) buffer is skipped. */
    give(buffers) {
        for (const buffer of buffers)
            if (buffer.byteLength > 0)
                this.free.push(buffer);
    }
    get size() {
        return this.free.length;
    }
}

/**
 * The shape every evaluation-data reader produces: column batches decoded straight into typed
 * arrays, streamed so a large file never sits in memory whole. Numbers are a Float64Array; text
 * is a code per row into the batch's distinct values, because label and group columns hold a
 * handful of values on millions of rows, and a string array per batch was most of what a 10M-row
 * recompute left for V8 to collect (bench/recompute).
 */
/** The distinct buffers behind a batch's columns (numbers and text codes), to transfer or give back. */
function columnBuffers(columns) {
    const buffers = new Set();
    for (const values of Object.values(columns)) {
        const view = values instanceof Float64Array ? values : values.codes;
        buffers.add(view.buffer);
    }
    return [...buffers];
}
/** The column's text row by row (the strings are the batch's values, not copies). */
function texts(column, rows) {
    const out = new Array(rows);
    for (let i = 0; i < rows; i++)
        out[i] = column.values[column.codes[i]];
    return out;
}
/** Builds a batch's text column: a code per row, each distinct text once. */
class TextCodes {
    byText = new Map();
    values = [];
    code(text) {
        let code = this.byText.get(text);
        if (code === undefined) {
            code = this.values.length;
            this.values.push(text);
            this.byText.set(text, code);
        }
        return code;
    }
    /** The next batch starts with no values (the last batch keeps its array). */
    reset() {
        this.byText = new Map();
        this.values = [];
    }
}

/**
 * The codes of a CSV text column (label, group), from the cell's bytes: such a column has a
 * handful of values repeated on every row, and making a Buffer and a string per cell was a fifth
 * of reading a CSV (bench/recompute). The bytes of the first distinct values are kept for the
 * whole file; a cell that matches one gets that value's code in the current batch without a
 * string being made. A column with more distinct values than the cache holds falls back to one
 * string and a map lookup per cell.
 */
const MAX_VALUES = 64;
const MAX_BYTES = 64;
class CellCoder {
    bytes = [];
    texts = [];
    /** Cache slot → code in the current batch, or −1 before the slot's first cell of the batch. */
    slotCodes = new Int32Array(MAX_VALUES).fill(-1);
    batch = new TextCodes();
    full = false;
    /** The code of `buf[start, end)` in this batch; `decode` makes its text when the bytes are new. */
    code(buf, start, end, decode) {
        const slot = this.full ? -1 : this.slot(buf, start, end);
        if (slot < 0)
            return this.remember(buf, start, end, decode());
        let code = this.slotCodes[slot];
        if (code < 0) {
            code = this.batch.code(this.texts[slot]);
            this.slotCodes[slot] = code;
        }
        return code;
    }
    /** The code of a text decoded elsewhere (a quoted cell: its bytes are not its text). */
    codeOfText(text) {
        return this.batch.code(text);
    }
    /** This batch's distinct values, handed over; the next batch starts afresh. */
    takeValues() {
        const values = this.batch.values;
        this.batch.reset();
        this.slotCodes.fill(-1);
        return values;
    }
    slot(buf, start, end) {
        const length = end - start;
        if (length > MAX_BYTES)
            return -1;
        const known = this.bytes;
        for (let v = 0; v < known.length; v++) {
            const candidate = known[v];
            if (candidate.length !== length)
                continue;
            let same = true;
            for (let i = 0; i < length; i++) {
                if (candidate[i] !== buf[start + i]) {
                    same = false;
                    break;
                }
            }
            if (same)
                return v;
        }
        return -1;
    }
    remember(buf, start, end, text) {
        const code = this.batch.code(text);
        if (this.full || end - start > MAX_BYTES)
            return code;
        if (this.bytes.length === MAX_VALUES) {
            this.full = true;
            return code;
        }
        this.slotCodes[this.bytes.length] = code;
        this.bytes.push(buf.slice(start, end));
        this.texts.push(text);
        return code;
    }
}

/**
 * Decimal text → float64 straight from bytes, without building a string per cell (that is what
 * makes CSV decoding slow). The fast path is exact: a decimal mantissa up to 2^53 and a power of
 * ten within 10^±22 are both exactly representable, so one multiply or divide is correctly
 * rounded (Clinger's fast path). Anything else falls back to `Number()` on the text.
 */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Returns NaN for an empty cell and `undefined` when the text is not a number. */
function parseNumberBytes(buf, start, end) {
    if (start === end)
        return Number.NaN;
    let i = start;
    let negative = false;
    const first = buf[i];
    if (first === 45 /* - */ || first === 43 /* + */) {
        negative = first === 45;
        i++;
    }
    // Integer then fraction digits, each in a tight loop. Leading zeros leave the mantissa at 0, and
    // a mantissa up to 2^53 is exact, which is all the fast path needs (checked below).
    let mantissa = 0;
    const digitsStart = i;
    while (i < end) {
        const d = buf[i] - 48;
        if (d < 0 || d > 9)
            break;
        mantissa = mantissa * 10 + d;
        i++;
    }
    let exponent = 0;
    let sawDigit = i > digitsStart;
    if (i < end && buf[i] === 46 /* . */) {
        i++;
        const fractionStart = i;
        while (i < end) {
            const d = buf[i] - 48;
            if (d < 0 || d > 9)
                break;
            mantissa = mantissa * 10 + d;
            i++;
        }
        exponent = fractionStart - i;
        sawDigit ||= i > fractionStart;
    }
    if (sawDigit && i < end && (buf[i] === 101 || buf[i] === 69) /* e E */) {
        i++;
        let expNegative = false;
        if (buf[i] === 45 || buf[i] === 43) {
            expNegative = buf[i] === 45;
            i++;
        }
        let e = 0;
        let expDigits = 0;
        while (i < end) {
            const d = buf[i] - 48;
            if (d < 0 || d > 9)
                break;
            e = e * 10 + d;
            expDigits++;
            i++;
            if (e > 100_000)
                break;
        }
        if (expDigits === 0)
            return slowPath(buf, start, end);
        exponent += expNegative ? -e : e;
    }
    if (!sawDigit || i !== end || mantissa > Number.MAX_SAFE_INTEGER)
        return slowPath(buf, start, end);
    let value;
    if (mantissa === 0)
        value = 0;
    else if (exponent >= 0 && exponent <= 22)
        value = mantissa * POW10[exponent];
    else if (exponent < 0 && exponent >= -22)
        value = mantissa / POW10[-exponent];
    else
        return slowPath(buf, start, end);
    return negative ? -value : value;
}
const SPECIAL = {
    nan: Number.NaN,
    inf: Infinity,
    '+inf': Infinity,
    '-inf': -Infinity,
    infinity: Infinity,
    '-infinity': -Infinity,
    'n/a': Number.NaN,
    na: Number.NaN,
    null: Number.NaN,
    '': Number.NaN
};
function slowPath(buf, start, end) {
    const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start)
        .toString('latin1')
        .trim();
    const special = SPECIAL[text.toLowerCase()];
    if (special !== undefined)
        return special;
    const value = Number(text);
    return Number.isNaN(value) ? undefined : value;
}

/**
 * Streaming CSV reader (RFC 4180: comma separated, `"` quoting with `""` escapes, CRLF or LF).
 * It walks the bytes once and decodes only the requested columns: numbers straight into
 * Float64Array, text into codes (columns.ts). Memory stays at one read chunk plus one batch.
 */
const CHUNK_BYTES = 4 * 1024 * 1024;
const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Reads the header line and returns a source that streams batches of the requested columns. */
async function openCsv(path, options = {}) {
    const header = await readHeader(path);
    const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
    // Bytes read of the file size: how the progress line estimates a CSV's total rows (render/progress.ts).
    const read = { bytes: header.dataStart, total: (await stat(path)).size };
    return {
        path,
        format: 'csv',
        columnNames: header.names,
        bytes: () => ({ read: read.bytes, total: read.total }),
        batches: (columns, batchSize, pool) => csvBatches(path, header, columns, batchSize, chunkBytes, read, pool)
    };
}
/** Opens the data file for reading, refusing anything but a regular file. */
async function openRegular(path) {
    // O_NONBLOCK: a FIFO put where the file was cannot block the open; fstat then refuses it.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error) => {
        throw invalid(`evaluation data ${path}: cannot be opened (${error.message}); check ` +
            `the path in the policy or --eval-data`, error);
    });
    if (!(await handle.stat()).isFile()) {
        await handle.close();
        throw invalid(`evaluation data ${path} is not a regular file; fix: point the policy or --eval-data at a CSV or Parquet file`);
    }
    return handle;
}
async function readHeader(path) {
    const handle = await openRegular(path);
    try {
        const buf = Buffer.alloc(1024 * 1024);
        const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
        const bytes = buf.subarray(0, bytesRead);
        let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
        const fields = [];
        const end = parseRecord(bytes, start, bytes.length, true, (s, e, quoted) => {
            fields.push(cellText(bytes, s, e, quoted));
        });
        if (end < 0 || fields.length === 0 || (fields.length === 1 && fields[0] === '')) {
            throw invalid(`evaluation data ${basename(path)}: no header line found in the first MiB; the ` +
                `CSV must start with a line of column names`);
        }
        start = end;
        return { names: fields, dataStart: start };
    }
    finally {
        await handle.close();
    }
}
/**
 * Parses one record starting at `pos`; calls `visit` per cell and returns the offset after the
 * record's line break, or −1 when the record is not complete in `buf` (unless `final`).
 */
function parseRecord(buf, pos, limit, final, visit) {
    let i = pos;
    for (;;) {
        if (i < limit && buf[i] === QUOTE) {
            const cellStart = i + 1;
            i++;
            for (;;) {
                if (i >= limit)
                    return final ? -2 : -1;
                if (buf[i] === QUOTE) {
                    if (i + 1 < limit && buf[i + 1] === QUOTE)
                        i += 2;
                    else if (i + 1 >= limit && !final)
                        return -1;
                    else
                        break;
                }
                else
                    i++;
            }
            visit(cellStart, i, true);
            i++; // closing quote
        }
        else {
            const cellStart = i;
            while (i < limit) {
                const b = buf[i];
                if (b === COMMA || b === LF)
                    break;
                i++;
            }
            if (i >= limit && !final)
                return -1;
            let cellEnd = i;
            if (cellEnd > cellStart && buf[cellEnd - 1] === CR && (i >= limit || buf[i] === LF))
                cellEnd--;
            visit(cellStart, cellEnd, false);
        }
        if (i >= limit)
            return limit;
        if (buf[i] === COMMA) {
            i++;
            continue;
        }
        if (buf[i] === CR)
            i++;
        if (i < limit && buf[i] === LF)
            return i + 1;
        if (i >= limit)
            return final ? limit : -1;
        return -3; // text after a closing quote: malformed
    }
}
function cellText(buf, start, end, quoted) {
    const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
    return quoted ? text.replaceAll('""', '"') : text;
}
async function* csvBatches(path, header, wanted, batchSize, chunkBytes, read, pool) {
    const name = basename(path);
    const slotOf = new Int32Array(header.names.length).fill(-1);
    wanted.forEach((column, slot) => {
        const index = header.names.indexOf(column.name);
        if (index < 0)
            throw invalid(`evaluation data ${name}: column '${column.name}' is not in the header; add it ` +
                `or fix the column name in the policy`);
        slotOf[index] = slot;
    });
    const lastNeeded = Math.max(...wanted.map((c) => header.names.indexOf(c.name)));
    const isNumber = wanted.map((c) => c.kind === 'number');
    let numbers = [];
    let codes = [];
    let rows = 0;
    const newBatch = () => {
        numbers = wanted.map((c) => c.kind === 'number' ? (pool?.float64(batchSize) ?? new Float64Array(batchSize)) : undefined);
        codes = wanted.map((c) => (c.kind === 'string' ? (pool?.int32(batchSize) ?? new Int32Array(batchSize)) : undefined));
        rows = 0;
    };
    const coders = wanted.map(() => new CellCoder());
    const emit = () => {
        const columns = {};
        wanted.forEach((c, slot) => {
            columns[c.name] = isNumber[slot]
                ? numbers[slot].subarray(0, rows)
                : { codes: codes[slot].subarray(0, rows), values: coders[slot].takeValues() };
        });
        return { rows, columns };
    };
    newBatch();
    let line = 1; // header
    let field = 0;
    let buf = new Uint8Array(0);
    const visit = (start, end, quoted) => {
        const slot = field < slotOf.length ? slotOf[field] : -1;
        field++;
        if (slot < 0)
            return;
        if (isNumber[slot]) {
            const value = parseNumberBytes(buf, start, end);
            if (value === undefined) {
                const text = cellText(buf, start, end, quoted).slice(0, 40);
                throw invalid(`evaluation data ${name}: column '${wanted[slot].name}' line ${line} holds ` +
                    `'${text}', which is not a number; the model expects a numeric column — fix the ` +
                    `data or the signature`);
            }
            numbers[slot][rows] = value;
        }
        else {
            const coder = coders[slot];
            codes[slot][rows] = quoted
                ? coder.codeOfText(cellText(buf, start, end, true))
                : coder.code(buf, start, end, () => cellText(buf, start, end, false));
        }
    };
    // One read window, reused: the unparsed tail of a chunk moves to its front and the next bytes
    // are read after it, so reading allocates nothing per chunk (cells are copied out as they parse).
    const handle = await openRegular(path);
    let window = new Uint8Array(chunkBytes);
    let carried = 0;
    let position = header.dataStart;
    let eof = false;
    try {
        while (!eof) {
            if (carried * 2 > window.length) {
                // A record longer than half the window: grow it, so a read always has room.
                const wider = new Uint8Array(window.length * 2);
                wider.set(window.subarray(0, carried));
                window = wider;
            }
            const { bytesRead } = await handle.read(window, carried, window.length - carried, position);
            position += bytesRead;
            read.bytes += bytesRead;
            eof = bytesRead === 0;
            buf = window.subarray(0, carried + bytesRead);
            let pos = 0;
            while (pos < buf.length) {
                // a blank line is skipped, as pandas does
                if (buf[pos] === LF || (buf[pos] === CR && buf[pos + 1] === LF)) {
                    pos += buf[pos] === LF ? 1 : 2;
                    line++;
                    continue;
                }
                if (buf[pos] === CR && pos + 1 >= buf.length && !eof)
                    break;
                field = 0;
                line++;
                const end = parseRecord(buf, pos, buf.length, eof, visit);
                if (end === -1) {
                    line--;
                    break;
                }
                if (end < -1)
                    throw invalid(`evaluation data ${name}: line ${line} is malformed (unbalanced or misplaced ` +
                        `quote); fix the quoting in the CSV`);
                pos = end;
                if (field <= lastNeeded) {
                    throw invalid(`evaluation data ${name}: line ${line} has ${field} fields, the header ` +
                        `has ${header.names.length}; fix the row or the delimiter (only comma-separated ` +
                        `files are read)`);
                }
                rows++;
                if (rows === batchSize) {
                    yield emit();
                    newBatch();
                }
            }
            carried = buf.length - pos;
            window.copyWithin(0, pos, buf.length);
        }
    }
    finally {
        await handle.close();
    }
    if (rows > 0)
        yield emit();
}

/**
 * Parquet reader over hyparquet (pure JS): the footer through hyparquet, then every requested
 * column chunk page by page (parquet-pages.ts), cut into batches as the pages arrive. Memory is
 * one batch plus about one page and one read window per column, whatever the row-group size.
 * hyparquet is imported lazily: a CSV-only gate never loads it.
 */
async function openParquet(path) {
    const { asyncBufferFromFile, parquetMetadataAsync, parquetSchema } = await Promise.resolve().then(function () { return node; });
    const name = basename(path);
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file).catch((error) => {
        throw invalid(`evaluation data ${name}: not a readable Parquet file ` +
            `(${error.message}); check the file or set the format to csv`, error);
    });
    const groupRows = metadata.row_groups.reduce((sum, group) => sum + Number(group.num_rows), 0);
    if (groupRows !== Number(metadata.num_rows)) {
        throw invalid(`evaluation data ${name}: the row groups hold ${groupRows} rows but the footer says ${metadata.num_rows}; ` +
            'the file is corrupt');
    }
    const columnNames = parquetSchema(metadata).children.map((child) => child.element.name);
    return {
        path,
        format: 'parquet',
        columnNames,
        totalRows: Number(metadata.num_rows),
        async *batches(wanted, batchSize, pool) {
            for (const column of wanted) {
                if (!columnNames.includes(column.name))
                    throw invalid(`evaluation data ${name}: column '${column.name}' is not in the file; add it or ` +
                        `fix the column name in the policy`);
            }
            const { columnPages, columnScratch, pageLength } = await Promise.resolve().then(function () { return parquetPages; });
            // O_NONBLOCK and fstat: a FIFO swapped in after the footer was read can neither block nor be read.
            const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
            if (!(await handle.stat()).isFile()) {
                await handle.close();
                throw invalid(`evaluation data ${name} is not a regular file; fix: point the policy or --eval-data at a CSV or Parquet file`);
            }
            try {
                const columns = wanted.map((c) => {
                    const scratch = columnScratch();
                    const pages = allPages(columnPages, metadata, { handle, column: c.name, kind: c.kind, file: name, scratch });
                    return new PageQueue(pages, c, name, pool, pageLength);
                });
                const total = Number(metadata.num_rows);
                // Batches run across row groups, so small row groups still give the model full batches.
                for (let start = 0; start < total; start += batchSize) {
                    const rows = Math.min(batchSize, total - start);
                    const batch = {};
                    for (const queue of columns)
                        batch[queue.column.name] = await queue.take(rows);
                    yield { rows, columns: batch };
                }
            }
            finally {
                await handle.close();
            }
        }
    };
}
/** One column's pages over every row group, in file order. */
async function* allPages(pages, metadata, request) {
    for (let rowGroup = 0; rowGroup < metadata.row_groups.length; rowGroup++) {
        yield* pages({ ...request, metadata, rowGroup });
    }
}
/** One column's pages, handed out `rows` at a time across page boundaries. */
class PageQueue {
    pages;
    column;
    file;
    pool;
    pageLength;
    page;
    offset = 0;
    /** Text: the current page's code → the batch's code, −1 until seen in this batch. */
    remap = new Int32Array(0);
    constructor(pages, column, file, pool, 
    /** parquet-pages.ts's, passed in because that module (and hyparquet) loads lazily. */
    pageLength) {
        this.pages = pages;
        this.column = column;
        this.file = file;
        this.pool = pool;
        this.pageLength = pageLength;
    }
    async take(rows) {
        const text = this.column.kind === 'string';
        const numbers = text ? undefined : (this.pool?.float64(rows) ?? new Float64Array(rows));
        const codes = text ? (this.pool?.int32(rows) ?? new Int32Array(rows)) : undefined;
        const batch = new TextCodes();
        if (this.page !== undefined && 'codes' in this.page)
            this.startRemap(this.page.values.length);
        let filled = 0;
        while (filled < rows) {
            if (this.page === undefined || this.offset >= this.pageLength(this.page)) {
                const next = await this.pages.next();
                if (next.done) {
                    throw invalid(`evaluation data ${this.file}: column '${this.column.name}' has fewer values than the footer says; ` +
                        'the file is truncated or corrupt');
                }
                this.page = next.value;
                this.offset = 0;
                if ('codes' in this.page)
                    this.startRemap(this.page.values.length);
            }
            const count = Math.min(rows - filled, this.pageLength(this.page) - this.offset);
            const end = this.offset + count;
            if (numbers !== undefined && !('codes' in this.page))
                numbers.set(this.page.subarray(this.offset, end), filled);
            else if (codes !== undefined && 'codes' in this.page) {
                const { codes: pageCodes, values } = this.page;
                const remap = this.remap;
                for (let i = this.offset, o = filled; i < end; i++, o++) {
                    const c = pageCodes[i];
                    if (remap[c] < 0)
                        remap[c] = batch.code(values[c]);
                    codes[o] = remap[c];
                }
            }
            else
                throw new Error(`column '${this.column.name}': a page of the wrong kind`);
            filled += count;
            this.offset += count;
        }
        return numbers ?? { codes: codes, values: batch.values };
    }
    startRemap(size) {
        if (this.remap.length < size)
            this.remap = new Int32Array(size);
        this.remap.fill(-1);
    }
}

/** Opens evaluation data by format (given, or from the file extension). */
function formatOf(path, format) {
    if (format !== undefined)
        return format;
    const ext = extname(path).toLowerCase();
    if (ext === '.csv')
        return 'csv';
    if (ext === '.parquet' || ext === '.pq')
        return 'parquet';
    throw invalid(`evaluation data ${path}: cannot tell the format from ` +
        `'${ext || 'no extension'}'; name it .csv or .parquet, or set the format in the policy`);
}
async function openTable(path, format) {
    return formatOf(path, format) === 'csv' ? openCsv(path) : openParquet(path);
}

/**
 * Batches the worker may decode before the recompute hands one back: enough to keep both cores
 * busy (the one being scored, one waiting, one being decoded), few enough to bound memory.
 */
const PREFETCH_BATCHES = 3;

/** Platforms onnxruntime-node ships CPU binaries for (and that the packaged action vendors). */
const SUPPORTED = new Set(['linux-x64', 'linux-arm64']);
const unsupported = (why) => `Recomputing metrics needs onnxruntime-node, ${why}; run the gate on a Linux ` +
    `runner (\`runs-on: ubuntu-latest\` or \`runs-on: ubuntu-24.04-arm\`), or use ` +
    `\`source: logged\` for this requirement.`;
async function loadOnnxRuntime(platform = process.platform, arch = process.arch, importer = () => import('onnxruntime-node')) {
    if (!SUPPORTED.has(`${platform}-${arch}`)) {
        return { ok: false, detail: unsupported(`which has no binary for ${platform}-${arch} in this action`) };
    }
    try {
        const loaded = (await importer());
        const runtime = loaded.InferenceSession === undefined && loaded.default !== undefined ? loaded.default : loaded;
        if (runtime.InferenceSession === undefined)
            return { ok: false, detail: unsupported('which loaded without an InferenceSession') };
        return { ok: true, runtime };
    }
    catch (error) {
        return {
            ok: false,
            detail: unsupported(`which failed to load on ${platform}-${arch} (${error.message.split('\n')[0]})`)
        };
    }
}

function readVarint(buf, pos) {
    let value = 0;
    let scale = 1;
    let i = pos;
    for (;;) {
        if (i >= buf.length)
            throw new Error('truncated varint');
        const byte = buf[i++];
        value += (byte & 0x7f) * scale;
        if (byte < 0x80)
            break;
        scale *= 128;
    }
    return [value, i];
}
function* fields(buf, start, end) {
    let pos = start;
    while (pos < end) {
        const keyStart = pos;
        const [key, afterKey] = readVarint(buf, pos);
        const number = Math.floor(key / 8);
        const wireType = key % 8;
        pos = afterKey;
        if (wireType === 0) {
            const [value, next] = readVarint(buf, pos);
            yield { number, wireType, value, keyStart, start: pos, end: next };
            pos = next;
        }
        else if (wireType === 2) {
            const [length, next] = readVarint(buf, pos);
            if (next + length > end)
                throw new Error('truncated length-delimited field');
            yield { number, wireType, value: length, keyStart, start: next, end: next + length };
            pos = next + length;
        }
        else if (wireType === 1)
            pos += 8;
        else if (wireType === 5)
            pos += 4;
        else
            throw new Error(`unsupported protobuf wire type ${wireType}`);
    }
    if (pos !== end)
        throw new Error('truncated protobuf message');
}
const text = (buf, f) => Buffer.from(buf.buffer, buf.byteOffset + f.start, f.end - f.start).toString('utf8');
/** The bytes of a whole field (key, length and payload), to copy it unchanged. */
const raw = (buf, f) => buf.subarray(f.keyStart, f.end);
function varint(value) {
    const out = [];
    let v = value;
    while (v >= 128) {
        out.push((v % 128) | 0x80);
        v = Math.floor(v / 128);
    }
    out.push(v);
    return Uint8Array.from(out);
}
function concat(parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let pos = 0;
    for (const p of parts) {
        out.set(p, pos);
        pos += p.length;
    }
    return out;
}
/** A length-delimited field (a nested message, a string or bytes). */
const lengthField = (number, payload) => concat([varint(number * 8 + 2), varint(payload.length), payload]);
const stringField = (number, value) => lengthField(number, new Uint8Array(Buffer.from(value, 'utf8')));
const varintField = (number, value) => concat([varint(number * 8), varint(value)]);

/**
 * A shallow view of an ONNX model's main graph: its nodes (op type, domain, inputs, outputs and
 * the class-label attributes) and its outputs, each with the field it was read from so a rewrite
 * can copy or drop it. Field numbers are those of onnx.proto (ModelProto.graph = 7,
 * GraphProto.node = 1, .output = 12, .value_info = 13; NodeProto.input = 1, .output = 2,
 * .name = 3, .op_type = 4, .attribute = 5, .domain = 7).
 */
/** int64 varints are two's complement on 10 bytes; class labels are small, so undo that. */
const toInt64 = (value) => (value >= 2 ** 63 ? value - 2 ** 64 : value);
function attributeLabels(buf, attr) {
    let name = '';
    const ints = [];
    const strings = [];
    for (const f of fields(buf, attr.start, attr.end)) {
        if (f.number === 1 && f.wireType === 2)
            name = text(buf, f);
        else if (f.number === 8 && f.wireType === 0)
            ints.push(toInt64(f.value));
        else if (f.number === 8 && f.wireType === 2) {
            let pos = f.start;
            while (pos < f.end) {
                const [value, next] = readVarint(buf, pos);
                ints.push(toInt64(value));
                pos = next;
            }
        }
        else if (f.number === 9 && f.wireType === 2)
            strings.push(text(buf, f));
    }
    return { name, ints, strings };
}
function readNode(buf, field) {
    const node = { field, name: '', opType: '', domain: '', inputs: [], outputs: [] };
    for (const f of fields(buf, field.start, field.end)) {
        if (f.wireType !== 2)
            continue;
        if (f.number === 1)
            node.inputs.push(text(buf, f));
        else if (f.number === 2)
            node.outputs.push(text(buf, f));
        else if (f.number === 3)
            node.name = text(buf, f);
        else if (f.number === 4)
            node.opType = text(buf, f);
        else if (f.number === 7)
            node.domain = text(buf, f);
        else if (f.number === 5) {
            const attr = attributeLabels(buf, f);
            const intLabels = attr.name === 'classlabels_int64s' || attr.name === 'classlabels_ints';
            if (intLabels && attr.ints.length > 0)
                node.labels = { kind: 'int64', values: attr.ints };
            if (attr.name === 'classlabels_strings' && attr.strings.length > 0) {
                node.labels = { kind: 'string', values: attr.strings };
            }
        }
    }
    return node;
}
function readValue(buf, field) {
    for (const f of fields(buf, field.start, field.end)) {
        if (f.number === 1 && f.wireType === 2)
            return { field, name: text(buf, f) };
    }
    return { field, name: '' };
}
/** Reads the main graph; throws when there is none or more than one (a merged, ambiguous model). */
function readGraph(model) {
    const graphs = [...fields(model, 0, model.length)].filter((f) => f.number === 7 && f.wireType === 2);
    if (graphs.length !== 1)
        throw new Error(`the ONNX model has ${graphs.length} graphs; one was expected`);
    const graph = graphs[0];
    const view = { graph, nodes: [], outputs: [], valueInfo: [] };
    for (const f of fields(model, graph.start, graph.end)) {
        if (f.wireType !== 2)
            continue;
        if (f.number === 1)
            view.nodes.push(readNode(model, f));
        else if (f.number === 12)
            view.outputs.push(readValue(model, f));
        else if (f.number === 13)
            view.valueInfo.push(readValue(model, f));
    }
    return view;
}

/**
 * skl2onnx's default classifier export ends in an ai.onnx.ml ZipMap node that turns the [N, classes]
 * probability tensor into a sequence of {class: probability} maps, which onnxruntime-node cannot
 * return. The maps hold exactly the numbers of the tensor, so the gate runs the graph without the
 * ZipMap: it drops the node and exposes its input as the graph output, in the same place.
 * Anything that only looks like that export (a ZipMap in another domain, two of them, one whose
 * result feeds other nodes, classes that disagree with the classifier's) is refused: the gate never
 * guesses which numbers are the probabilities.
 */
const ML_DOMAIN = 'ai.onnx.ml';
/** TensorProto.DataType FLOAT: ZipMap's input is always tensor(float). */
const FLOAT = 1;
const shown = (labels) => `[${labels.values.join(', ')}]`;
const sameLabels = (a, b) => a.kind === b.kind && a.values.length === b.values.length && a.values.every((v, i) => v === b.values[i]);
function withoutZipMap(model) {
    const view = readGraph(model);
    const zipMaps = view.nodes.filter((n) => n.opType === 'ZipMap');
    if (zipMaps.length === 0)
        return { model };
    const node = checkZipMap(zipMaps, view.nodes, view.outputs.map((o) => o.name));
    const probabilities = node.inputs[0];
    const mapOutput = node.outputs[0];
    const alreadyOutput = view.outputs.some((o) => o.name === probabilities);
    const graphParts = [];
    for (const f of fields(model, view.graph.start, view.graph.end)) {
        if (f.keyStart === node.field.keyStart)
            continue;
        const at = (v) => v.field.keyStart === f.keyStart;
        const output = f.number === 12 && f.wireType === 2 ? view.outputs.find(at) : undefined;
        if (output?.name === mapOutput) {
            const classes = node.labels.values.length;
            if (!alreadyOutput)
                graphParts.push(lengthField(12, probabilityValueInfo(probabilities, classes)));
            continue;
        }
        const info = f.number === 13 ? view.valueInfo.find(at) : undefined;
        if (info !== undefined && (info.name === mapOutput || info.name === probabilities))
            continue;
        graphParts.push(raw(model, f));
    }
    const modelParts = [];
    for (const f of fields(model, 0, model.length)) {
        modelParts.push(f.keyStart === view.graph.keyStart ? lengthField(7, concat(graphParts)) : raw(model, f));
    }
    return { model: concat(modelParts), removed: { node: node.name, probabilities } };
}
function checkZipMap(zipMaps, nodes, outputs) {
    const label = (n) => `'${n.name || '(unnamed)'}'`;
    const foreign = zipMaps.find((n) => n.domain !== ML_DOMAIN);
    if (foreign !== undefined) {
        throw invalid(`node ${label(foreign)} has op type ZipMap in domain '${foreign.domain || 'ai.onnx'}', ` +
            `not ${ML_DOMAIN}'s ZipMap; ` +
            `the gate does not run a graph whose outputs it cannot verify`);
    }
    if (zipMaps.length > 1) {
        throw invalid(`the graph has ${zipMaps.length} ZipMap nodes (${zipMaps.map(label).join(', ')}); ` +
            `a classifier export has one, so it is unclear which output holds the probabilities`);
    }
    const node = zipMaps[0];
    if (node.inputs.length !== 1 || node.outputs.length !== 1) {
        throw invalid(`ZipMap node ${label(node)} has ${node.inputs.length} inputs and ${node.outputs.length} outputs; ` +
            `the ${ML_DOMAIN} ZipMap has one of each`);
    }
    const [input, output] = [node.inputs[0], node.outputs[0]];
    const consumers = nodes.filter((n) => n !== node && n.inputs.includes(output));
    if (!outputs.includes(output) || consumers.length > 0) {
        const why = consumers.length > 0 ? `feeds node ${consumers.map(label).join(', ')}` : 'is not a graph output';
        throw invalid(`ZipMap node ${label(node)} is not at the graph's output (its result '${output}' ${why}); ` +
            `the gate only unwraps a final ZipMap`);
    }
    const producers = nodes.filter((n) => n.outputs.includes(input));
    if (producers.length !== 1) {
        throw invalid(`ZipMap node ${label(node)} reads '${input}', which ` +
            `${producers.length === 0 ? 'no node computes' : `${producers.length} nodes compute`}; ` +
            `the gate cannot tell where the probabilities come from`);
    }
    if (node.labels === undefined) {
        throw invalid(`ZipMap node ${label(node)} has no classlabels_int64s or classlabels_strings attribute, ` +
            'so its maps name no classes');
    }
    const classifier = nodes.find((n) => n.opType.endsWith('Classifier') && n.labels !== undefined);
    if (classifier?.labels !== undefined && !sameLabels(classifier.labels, node.labels)) {
        throw invalid(`ZipMap node ${label(node)} names classes ${shown(node.labels)} ` +
            `but classifier ${label(classifier)} predicts ${shown(classifier.labels)}; ` +
            `the probabilities cannot be matched to the labels`);
    }
    return node;
}
/** ValueInfoProto { name, type: TypeProto { tensor_type: { elem_type: FLOAT, shape: [N, classes] } } }. */
function probabilityValueInfo(name, classes) {
    const batch = lengthField(1, stringField(2, 'N'));
    const width = lengthField(1, varintField(1, classes));
    const tensor = concat([varintField(1, FLOAT), lengthField(2, concat([batch, width]))]);
    return concat([stringField(1, name), lengthField(2, lengthField(1, tensor))]);
}

/**
 * The inference port and its onnxruntime-node adapter. Everything above this file speaks in
 * plain typed arrays, so tests and other runtimes can stand in for onnxruntime.
 */
/** `intraOpThreads`: onnxruntime's own default (one per core) when absent. */
async function createOnnxRunner(runtime, modelPath, intraOpThreads) {
    const threads = { intraOpNumThreads: intraOpThreads };
    // A final ZipMap's maps cannot be fetched: run the graph without it (strip-zipmap.ts).
    const { model } = withoutZipMap(new Uint8Array(await readFile(modelPath)));
    const session = await runtime.InferenceSession.create(model, { graphOptimizationLevel: 'all', ...threads });
    const info = (m) => m.isTensor
        ? { name: m.name, isTensor: true, type: m.type, shape: m.shape }
        : { name: m.name, isTensor: false, shape: [] };
    return {
        inputs: session.inputMetadata.map(info),
        outputs: session.outputMetadata.map(info),
        async run(feeds, outputNames) {
            const tensors = {};
            for (const [name, feed] of Object.entries(feeds))
                tensors[name] = new runtime.Tensor(feed.type, feed.data, feed.dims);
            const result = await session.run(tensors, outputNames);
            const out = {};
            for (const name of outputNames) {
                const tensor = result[name];
                if (tensor === undefined)
                    throw new Error(`the model returned no output '${name}'`);
                out[name] = { type: tensor.type, data: tensor.data, dims: tensor.dims };
            }
            return out;
        },
        async close() {
            await session.release();
        }
    };
}

/**
 * Which data columns are the model's features when the graph takes one [N, k] matrix. In order of
 * authority: the MLflow column signature (what the model was trained on), then the policy's
 * `evaluation.features`, then every column of the file except the label, the weight column, the
 * sensitive features and `evaluation.ignore` (as mlflow.evaluate does, minus what must never
 * reach the model unintentionally). A mismatch names every column involved, so a surplus such as
 * a sensitive column is never hidden behind an ellipsis.
 */
const list = (names) => names.map((n) => `'${n}'`).join(', ');
function chooseFeatures(request) {
    const { signature } = request;
    if (signature.kind === 'columns') {
        const text = signature.columns.find((c) => c.type === 'string' || c.type === 'binary');
        if (text !== undefined) {
            throw invalid(`signature column '${text.name}' is ${text.type} but the model takes one numeric matrix; ` +
                `encode it inside the ONNX graph (one input per column) or drop it from the signature`);
        }
        return { columns: signature.columns.map((c) => c.name), source: 'signature' };
    }
    if (request.features !== undefined)
        return { columns: [...request.features], source: 'features' };
    const excluded = new Set([...request.notFeatures, ...(request.ignore ?? [])]);
    return { columns: request.dataColumns.filter((c) => !excluded.has(c)), source: 'data' };
}
/** Every feature the data lacks, in one message. */
function requireFeatures(choice, dataColumns, file) {
    const have = new Set(dataColumns);
    const absent = choice.columns.filter((c) => !have.has(c));
    if (absent.length === 0)
        return;
    const from = choice.source === 'signature' ? 'the model signature' : 'evaluation.features';
    throw invalid(`evaluation data ${file}: ${absent.length === 1 ? 'column' : 'columns'} ${list(absent)} listed by ${from} ` +
        `${absent.length === 1 ? 'is' : 'are'} missing (the file has ${list(dataColumns)}); ` +
        `add them to the data or fix ${from}`);
}
/** The model's declared width disagrees with the chosen columns: say which ones and how to choose. */
function widthMismatch(input, width, choice, request) {
    const left = request.notFeatures.filter((c) => request.dataColumns.includes(c) && !choice.columns.includes(c));
    const ignored = (request.ignore ?? []).filter((c) => request.dataColumns.includes(c));
    const from = {
        signature: 'the model signature lists',
        features: 'evaluation.features lists',
        data: 'the data has'
    }[choice.source];
    const n = choice.columns.length;
    const extra = n > width ? `${n - width} too many` : `${width - n} too few`;
    const notFed = [
        ...(left.length > 0 ? [`not fed: ${list(left)} (label, weight or sensitive)`] : []),
        ...(ignored.length > 0 ? [`ignored: ${list(ignored)}`] : [])
    ];
    const fix = choice.source === 'data'
        ? "list the model's input columns under evaluation.features, or the extra ones under evaluation.ignore"
        : choice.source === 'features'
            ? "make evaluation.features list exactly the model's input columns"
            : 'log the model with a signature naming its features';
    return invalid(`model input '${input}' takes ${width} features but ${from} ${n} (${extra}): ${list(choice.columns)}` +
        `${notFed.length > 0 ? `; ${notFed.join('; ')}` : ''}; ` +
        `fix: ${fix}`);
}

/**
 * Maps evaluation-data columns onto the ONNX graph's inputs, using the MLflow signature for the
 * feature names. Two export styles are common: one 2-D tensor holding every feature (columns in
 * signature order), or one input per column (skl2onnx pipelines with string columns).
 */
const NUMERIC_ONNX = new Set(['float32', 'float64', 'int64', 'int32', 'bool']);
function planInputs(request) {
    const { inputs, file } = request;
    const unsupportedInput = inputs.find((i) => !i.isTensor || i.type === undefined || (!NUMERIC_ONNX.has(i.type) && i.type !== 'string'));
    if (unsupportedInput !== undefined) {
        throw invalid(`model input '${unsupportedInput.name}' has ` +
            `type ${unsupportedInput.type ?? 'non-tensor'}; only float, double, int, bool ` +
            `and string tensors can be fed from a table — re-export the model with tensor inputs`);
    }
    const haveColumn = new Set(request.dataColumns);
    // One input per column: the ONNX input names are the column names (they win over the policy).
    if (inputs.length > 1 || (inputs.length === 1 && haveColumn.has(inputs[0].name) && width(inputs[0]) === 1)) {
        const absent = inputs.filter((i) => !haveColumn.has(i.name)).map((i) => `'${i.name}'`);
        if (absent.length > 0) {
            const one = absent.length === 1;
            throw invalid(`evaluation data ${file}: ${one ? 'column' : 'columns'} ${absent.join(', ')} ${one ? 'is' : 'are'} ` +
                `missing (the model has ${one ? 'an input' : 'inputs'} of that name); ` +
                `add ${one ? 'it' : 'them'} to the data or fix the model signature`);
        }
        const columns = inputs.map((i) => ({ name: i.name, kind: i.type === 'string' ? 'string' : 'number' }));
        return {
            columns,
            build: (batch) => Object.fromEntries(inputs.map((i) => [i.name, columnTensor(i, batch, file)]))
        };
    }
    if (inputs.length !== 1)
        throw invalid('the ONNX model declares no inputs; re-export it');
    const input = inputs[0];
    if (input.type === 'string')
        throw invalid(`model input '${input.name}' is a 2-D string tensor; only numeric matrices are ` +
            `packed from columns — export one input per column instead`);
    // One 2-D tensor: the features are the signature's columns (or the policy's), in that order.
    const choice = chooseFeatures(request);
    const features = choice.columns;
    const w = width(input);
    if (w !== undefined && w !== features.length)
        throw widthMismatch(input.name, w, choice, request);
    requireFeatures(choice, request.dataColumns, file);
    let last;
    return {
        columns: features.map((name) => ({ name, kind: 'number' })),
        build: (batch) => {
            last = matrixTensor(input, features, batch, file, last);
            return { [input.name]: last };
        }
    };
}
/** Declared feature count of a [batch, n] input, when fixed. */
function width(input) {
    if (input.shape.length < 2)
        return 1;
    const w = input.shape[input.shape.length - 1];
    return typeof w === 'number' && w > 0 ? w : undefined;
}
function columnTensor(input, batch, file) {
    const rows = batch.rows;
    const column = batch.columns[input.name];
    const dims = input.shape.length >= 2 ? [rows, 1] : [rows];
    if (input.type === 'string') {
        if (column instanceof Float64Array)
            throw invalid(`evaluation data ${file}: column '${input.name}' was read as numbers but the model wants text`);
        return { type: 'string', data: texts(column, rows), dims };
    }
    if (!(column instanceof Float64Array))
        throw invalid(`evaluation data ${file}: column '${input.name}' holds text but the model input ` +
            `is ${input.type}; fix the data or the model`);
    requireWhole(input.type, input.name, column, rows, file);
    return numericTensor(input.type, dims, rows, (out) => {
        for (let i = 0; i < rows; i++)
            out(i, column[i]);
    });
}
function matrixTensor(input, features, batch, file, last) {
    const rows = batch.rows;
    const k = features.length;
    const columns = features.map((name) => batch.columns[name]);
    features.forEach((name, j) => {
        requireWhole(input.type, name, columns[j], rows, file);
    });
    if (input.type === 'float32' || input.type === 'float64') {
        // The common case, without a call per cell: a fifth of the main thread's own work at 1M rows.
        const Type = input.type === 'float32' ? Float32Array : Float64Array;
        const old = last?.data;
        const data = old instanceof Type && old.buffer.byteLength >= rows * k * Type.BYTES_PER_ELEMENT
            ? new Type(old.buffer, 0, rows * k)
            : new Type(rows * k);
        for (let j = 0; j < k; j++) {
            const column = columns[j];
            for (let i = 0, at = j; i < rows; i++, at += k)
                data[at] = column[i];
        }
        return { type: input.type, data, dims: [rows, k] };
    }
    return numericTensor(input.type, [rows, k], rows * k, (out) => {
        for (let j = 0; j < k; j++) {
            const column = columns[j];
            for (let i = 0; i < rows; i++)
                out(i * k + j, column[i]);
        }
    });
}
/** Integer and boolean inputs cannot take a missing value: say which column has one. */
function requireWhole(type, column, values, rows, file) {
    if (type === 'float32' || type === 'float64')
        return;
    for (let i = 0; i < rows; i++) {
        if (!Number.isFinite(values[i])) {
            throw invalid(`evaluation data ${file}: column '${column}' has an empty or non-finite value ` +
                `but the model input is ${type}; fill the missing values or export the model ` +
                `with a float input`);
        }
    }
}
const ARRAY_OF = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array };
/** Allocates the typed array for `type` and lets `fill` write each cell. */
function numericTensor(type, dims, size, fill) {
    if (type === 'float32' || type === 'float64' || type === 'int32' || type === 'bool') {
        const data = new ARRAY_OF[type](size);
        // A bool cell is any non-zero number, stored as 1.
        fill(type === 'bool' ? (i, v) => (data[i] = v ? 1 : 0) : (i, v) => (data[i] = v));
        return { type, data, dims };
    }
    const data = new BigInt64Array(size);
    fill((i, v) => (data[i] = BigInt(Math.trunc(v))));
    return { type: 'int64', data, dims };
}

/** The same session settings on both threads: one intra-op thread each. */
const SCORING_THREADS = 1;
async function openScorer(job) {
    const loaded = await loadOnnxRuntime();
    if (!loaded.ok)
        throw new Error(loaded.detail);
    const runner = await createOnnxRunner(loaded.runtime, job.modelPath, SCORING_THREADS);
    const plan = planInputs({ ...job.plan, inputs: runner.inputs });
    return {
        async score(batch) {
            const result = await runner.run(plan.build(batch), job.outputNames);
            const out = {};
            for (const [name, tensor] of Object.entries(result)) {
                // onnxruntime's output memory may not be detachable: copy it into a plain buffer.
                const data = Array.isArray(tensor.data) ? [...tensor.data] : tensor.data.slice();
                out[name] = { type: tensor.type, data, dims: [...tensor.dims] };
            }
            return out;
        },
        close: () => runner.close()
    };
}
/** The buffers of typed output tensors, to transfer. */
function outputBuffers(outputs) {
    const buffers = [];
    for (const tensor of Object.values(outputs)) {
        if (ArrayBuffer.isView(tensor.data))
            buffers.push(tensor.data.buffer);
    }
    return buffers;
}

/**
 * The decode worker (bundled as dist/decode-worker.js): reads the evaluation data and hashes it
 * on its own thread, so the main thread only feeds onnxruntime and the metric accumulators.
 * It posts a batch only when holding a credit, which bounds the batches in flight, and fills the
 * buffers the recompute hands back with each credit, so it allocates no new batches once running.
 * Holding a batch and no credit, it scores the batch itself when asked to (worker-scoring.ts).
 */
const port = parentPort;
if (port === null)
    throw new Error('decode-worker.js runs as a worker thread of aims-gate, not on its own');
const job = workerData;
// Scoring or not, the worker sends at most PREFETCH_BATCHES unscored batches ahead; past that it
// scores the next one itself when it can (3 measured best against 2 and 4, bench/recompute).
let credits = PREFETCH_BATCHES;
let wake;
const pool = new BufferPool();
port.on('message', (message) => {
    if (message?.t !== 'credit' && message?.t !== 'return')
        return;
    if (message.t === 'credit')
        credits++;
    if (Array.isArray(message.buffers))
        pool.give(message.buffers.filter((b) => b instanceof ArrayBuffer));
    wake?.();
});
const post = (message, transfer = []) => port.postMessage(message, transfer);
async function decode$1() {
    const hash = sha256File(job.path);
    hash.catch(() => undefined); // awaited at the end; a read error surfaces from the decoder first
    // The session opens while the first batches decode; it scores only once it is ready.
    let scorer;
    const opening = job.scoring === undefined ? undefined : openScorer(job.scoring).then((s) => (scorer = s));
    opening?.catch(() => undefined); // awaited below; an error there ends the decode with its reason
    const table = await openTable(job.path, job.format);
    try {
        for await (const batch of table.batches(job.columns, job.batchSize, pool)) {
            if (credits === 0 && scorer !== undefined) {
                // The main thread is behind: score this batch here instead of waiting for it.
                const outputs = await scorer.score(batch);
                const kept = {};
                for (const name of job.scoring.needed)
                    kept[name] = batch.columns[name];
                const sent = columnBuffers(kept);
                pool.give(columnBuffers(batch.columns).filter((buffer) => !sent.includes(buffer)));
                post({ t: 'scored', rows: batch.rows, columns: kept, outputs }, [...sent, ...outputBuffers(outputs)]);
                continue;
            }
            while (credits === 0)
                await new Promise((resolve) => (wake = resolve));
            credits--;
            post({ t: 'batch', rows: batch.rows, columns: batch.columns }, columnBuffers(batch.columns));
        }
        await opening;
    }
    finally {
        await (await opening?.catch(() => undefined))?.close();
    }
    post({ t: 'end', sha256: await hash });
}
decode$1().then(() => port.unref(), (error) => {
    const code = error.code;
    const message = error.message ?? String(error);
    post({ t: 'error', message, gate: error instanceof GateError, ...(typeof code === 'string' ? { code } : {}) });
    port.unref();
});

/** @type {import('../src/types.d.ts').ParquetType[]} */
const ParquetTypes = [
  'BOOLEAN',
  'INT32',
  'INT64',
  'INT96', // deprecated
  'FLOAT',
  'DOUBLE',
  'BYTE_ARRAY',
  'FIXED_LEN_BYTE_ARRAY',
];

/** @type {import('../src/types.d.ts').Encoding[]} */
const Encodings = [
  'PLAIN',
  'GROUP_VAR_INT', // deprecated
  'PLAIN_DICTIONARY',
  'RLE',
  'BIT_PACKED', // deprecated
  'DELTA_BINARY_PACKED',
  'DELTA_LENGTH_BYTE_ARRAY',
  'DELTA_BYTE_ARRAY',
  'RLE_DICTIONARY',
  'BYTE_STREAM_SPLIT',
];

/** @type {import('../src/types.d.ts').FieldRepetitionType[]} */
const FieldRepetitionTypes = [
  'REQUIRED',
  'OPTIONAL',
  'REPEATED',
];

/** @type {import('../src/types.d.ts').ConvertedType[]} */
const ConvertedTypes = [
  'UTF8',
  'MAP',
  'MAP_KEY_VALUE',
  'LIST',
  'ENUM',
  'DECIMAL',
  'DATE',
  'TIME_MILLIS',
  'TIME_MICROS',
  'TIMESTAMP_MILLIS',
  'TIMESTAMP_MICROS',
  'UINT_8',
  'UINT_16',
  'UINT_32',
  'UINT_64',
  'INT_8',
  'INT_16',
  'INT_32',
  'INT_64',
  'JSON',
  'BSON',
  'INTERVAL',
];

/** @type {import('../src/types.d.ts').CompressionCodec[]} */
const CompressionCodecs = [
  'UNCOMPRESSED',
  'SNAPPY',
  'GZIP',
  'LZO',
  'BROTLI',
  'LZ4',
  'ZSTD',
  'LZ4_RAW',
];

/** @type {import('../src/types.d.ts').PageType[]} */
const PageTypes = [
  'DATA_PAGE',
  'INDEX_PAGE',
  'DICTIONARY_PAGE',
  'DATA_PAGE_V2',
];

/** @type {import('../src/types.d.ts').EdgeInterpolationAlgorithm[]} */
const EdgeInterpolationAlgorithms = [
  'SPHERICAL',
  'VINCENTY',
  'THOMAS',
  'ANDOYER',
  'KARNEY',
];

/**
 * WKB (Well-Known Binary) decoder for geometry objects.
 *
 * @param {DataReader} reader
 * @returns {Geometry} geometry object
 */
function wkbToGeojson(reader) {
  const flags = getFlags(reader);

  if (flags.type === 1) { // Point
    return { type: 'Point', coordinates: readPosition(reader, flags) }
  } else if (flags.type === 2) { // LineString
    return { type: 'LineString', coordinates: readLine(reader, flags) }
  } else if (flags.type === 3) { // Polygon
    return { type: 'Polygon', coordinates: readPolygon(reader, flags) }
  } else if (flags.type === 4) { // MultiPoint
    const points = [];
    for (let i = 0; i < flags.count; i++) {
      points.push(readPosition(reader, getFlags(reader)));
    }
    return { type: 'MultiPoint', coordinates: points }
  } else if (flags.type === 5) { // MultiLineString
    const lines = [];
    for (let i = 0; i < flags.count; i++) {
      lines.push(readLine(reader, getFlags(reader)));
    }
    return { type: 'MultiLineString', coordinates: lines }
  } else if (flags.type === 6) { // MultiPolygon
    const polygons = [];
    for (let i = 0; i < flags.count; i++) {
      polygons.push(readPolygon(reader, getFlags(reader)));
    }
    return { type: 'MultiPolygon', coordinates: polygons }
  } else if (flags.type === 7) { // GeometryCollection
    const geometries = [];
    for (let i = 0; i < flags.count; i++) {
      geometries.push(wkbToGeojson(reader));
    }
    return { type: 'GeometryCollection', geometries }
  } else {
    throw new Error(`Unsupported geometry type: ${flags.type}`)
  }
}

/**
 * Extract ISO WKB flags and base geometry type.
 *
 * @param {DataReader} reader
 * @returns {WkbFlags}
 */
function getFlags(reader) {
  const { view } = reader;
  const littleEndian = view.getUint8(reader.offset++) === 1;
  const rawType = view.getUint32(reader.offset, littleEndian);
  reader.offset += 4;

  const type = rawType % 1000;
  const flags = Math.floor(rawType / 1000);

  let count = 0;
  if (type > 1 && type <= 7) {
    count = view.getUint32(reader.offset, littleEndian);
    reader.offset += 4;
  }

  // XY, XYZ, XYM, XYZM
  let dim = 2;
  if (flags) dim++;
  if (flags === 3) dim++;

  return { littleEndian, type, dim, count }
}

/**
 * @param {DataReader} reader
 * @param {WkbFlags} flags
 * @returns {number[]}
 */
function readPosition(reader, flags) {
  const points = [];
  for (let i = 0; i < flags.dim; i++) {
    const coord = reader.view.getFloat64(reader.offset, flags.littleEndian);
    reader.offset += 8;
    points.push(coord);
  }
  return points
}

/**
 * @param {DataReader} reader
 * @param {WkbFlags} flags
 * @returns {number[][]}
 */
function readLine(reader, flags) {
  const points = [];
  for (let i = 0; i < flags.count; i++) {
    points.push(readPosition(reader, flags));
  }
  return points
}

/**
 * @param {DataReader} reader
 * @param {WkbFlags} flags
 * @returns {number[][][]}
 */
function readPolygon(reader, flags) {
  const { view } = reader;
  const rings = [];
  for (let r = 0; r < flags.count; r++) {
    const count = view.getUint32(reader.offset, flags.littleEndian);
    reader.offset += 4;
    rings.push(readLine(reader, { ...flags, count }));
  }
  return rings
}

/**
 * @typedef {object} WkbFlags
 * @property {boolean} littleEndian
 * @property {number} type
 * @property {number} dim
 * @property {number} count
 */

/**
 * @import {DataReader, Geometry} from '../src/types.js'
 */

/**
 * @import {ColumnDecoder, DecodedArray, Encoding, ParquetParsers} from '../src/types.js'
 */

const decoder$1 = new TextDecoder();

/**
 * Default type parsers when no custom ones are given
 * @type ParquetParsers
 */
const DEFAULT_PARSERS = {
  timestampFromMilliseconds(millis) {
    return new Date(Number(millis))
  },
  timestampFromMicroseconds(micros) {
    return new Date(Number(micros / 1000n))
  },
  timestampFromNanoseconds(nanos) {
    return new Date(Number(nanos / 1000000n))
  },
  dateFromDays(days) {
    return new Date(days * 86400000)
  },
  stringFromBytes(bytes) {
    return bytes && decoder$1.decode(bytes)
  },
  jsonFromBytes(bytes) {
    return bytes && JSON.parse(decoder$1.decode(bytes))
  },
  geometryFromBytes(bytes) {
    return bytes && wkbToGeojson({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 })
  },
  geographyFromBytes(bytes) {
    return bytes && wkbToGeojson({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 })
  },
  uuidFromBytes(bytes) {
    if (!bytes) return undefined
    const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20, 32)
  },
};

/**
 * Convert known types from primitive to rich, and dereference dictionary.
 *
 * @param {DecodedArray} data series of primitive types
 * @param {DecodedArray | undefined} dictionary
 * @param {Encoding} encoding
 * @param {ColumnDecoder} columnDecoder
 * @returns {DecodedArray} series of rich types
 */
function convertWithDictionary(data, dictionary, encoding, columnDecoder) {
  if (dictionary && encoding.endsWith('_DICTIONARY')) {
    let output = data;
    if (data instanceof Uint8Array && !(dictionary instanceof Uint8Array)) {
      // @ts-expect-error upgrade data to match dictionary type with fancy constructor
      output = new dictionary.constructor(data.length);
    }
    for (let i = 0; i < data.length; i++) {
      output[i] = dictionary[data[i]];
    }
    return output
  } else {
    return convert(data, columnDecoder)
  }
}

/**
 * Convert known types from primitive to rich.
 *
 * @param {DecodedArray} data series of primitive types
 * @param {ColumnDecoder} columnDecoder
 * @returns {DecodedArray} series of rich types
 */
function convert(data, columnDecoder) {
  const { element, parsers, utf8 = true, schemaPath } = columnDecoder;
  const { type, converted_type: ctype, logical_type: ltype } = element;
  const nullable = element.repetition_type !== 'REQUIRED';

  // Skip utf8 conversion for plain BYTE_ARRAY inside VARIANT
  const isVariant = schemaPath?.some(s => s.element.logical_type?.type === 'VARIANT');
  if (isVariant && type === 'BYTE_ARRAY' && ctype !== 'UTF8' && ltype?.type !== 'STRING') {
    return data
  }
  if (ctype === 'DECIMAL') {
    const scale = element.scale || 0;
    const factor = 10 ** -scale;
    const arr = new Array(data.length);
    for (let i = 0; i < arr.length; i++) {
      if (data[i] instanceof Uint8Array) {
        arr[i] = parseDecimal(data[i]) * factor;
      } else {
        arr[i] = Number(data[i]) * factor;
      }
    }
    return arr
  }
  if (!ctype && type === 'INT96') {
    return Array.from(data).map(v => parsers.timestampFromNanoseconds(parseInt96Nanos(v)))
  }
  if (ctype === 'DATE') {
    return Array.from(data).map(v => parsers.dateFromDays(v))
  }
  if (ctype === 'TIMESTAMP_MILLIS') {
    return Array.from(data).map(v => parsers.timestampFromMilliseconds(v))
  }
  if (ctype === 'TIMESTAMP_MICROS') {
    return Array.from(data).map(v => parsers.timestampFromMicroseconds(v))
  }
  if (ctype === 'JSON') {
    return data.map(v => parsers.jsonFromBytes(v))
  }
  if (ctype === 'BSON') {
    throw new Error('parquet bson not supported')
  }
  if (ctype === 'INTERVAL') {
    throw new Error('parquet interval not supported')
  }
  if (ltype?.type === 'GEOMETRY') {
    return data.map(v => parsers.geometryFromBytes(v))
  }
  if (ltype?.type === 'GEOGRAPHY') {
    return data.map(v => parsers.geographyFromBytes(v))
  }
  if (ltype?.type === 'UUID') {
    return data.map(v => parsers.uuidFromBytes(v))
  }
  if (ctype === 'UTF8' || ltype?.type === 'STRING' || utf8 && type === 'BYTE_ARRAY') {
    return data.map(v => parsers.stringFromBytes(v))
  }
  if (ctype === 'UINT_64' || ltype?.type === 'INTEGER' && ltype.bitWidth === 64 && !ltype.isSigned) {
    if (data instanceof BigInt64Array) return new BigUint64Array(data.buffer, data.byteOffset, data.length)
    const arr = nullable ? new Array(data.length) : new BigUint64Array(data.length);
    for (let i = 0; i < arr.length; i++) arr[i] = data[i];
    return arr
  }
  if (ctype === 'UINT_32' || ltype?.type === 'INTEGER' && ltype.bitWidth === 32 && !ltype.isSigned) {
    if (data instanceof Int32Array) return new Uint32Array(data.buffer, data.byteOffset, data.length)
    const arr = nullable ? new Array(data.length) : new Uint32Array(data.length);
    for (let i = 0; i < arr.length; i++) {
      arr[i] = data[i] < 0 ? 4294967296 + data[i] : data[i];
    }
    return arr
  }
  if (ltype?.type === 'FLOAT16') {
    return Array.from(data).map(parseFloat16)
  }
  if (ltype?.type === 'TIMESTAMP') {
    const { unit } = ltype;
    /** @type {ParquetParsers[keyof ParquetParsers]} */
    let parser = parsers.timestampFromMilliseconds;
    if (unit === 'MICROS') parser = parsers.timestampFromMicroseconds;
    if (unit === 'NANOS') parser = parsers.timestampFromNanoseconds;
    const arr = new Array(data.length);
    for (let i = 0; i < arr.length; i++) {
      arr[i] = parser(data[i]);
    }
    return arr
  }
  return data
}

/**
 * @param {Uint8Array} bytes
 * @returns {number}
 */
function parseDecimal(bytes) {
  if (!bytes.length) return 0

  let value = 0n;
  for (const byte of bytes) {
    value = value * 256n + BigInt(byte);
  }

  // handle signed
  const bits = bytes.length * 8;
  if (value >= 2n ** BigInt(bits - 1)) {
    value -= 2n ** BigInt(bits);
  }

  return Number(value)
}

/**
 * Converts INT96 date format (hi 32bit days, lo 64bit nanos) to nanos since epoch
 * @param {bigint} value
 * @returns {bigint}
 */
function parseInt96Nanos(value) {
  const days = (value >> 64n) - 2440588n;
  const nano = value & 0xffffffffffffffffn;
  return days * 86400000000000n + nano
}

/**
 * @param {Uint8Array | undefined} bytes
 * @returns {number | undefined}
 */
function parseFloat16(bytes) {
  if (!bytes) return undefined
  const int16 = bytes[1] << 8 | bytes[0];
  const sign = int16 >> 15 ? -1 : 1;
  const exp = int16 >> 10 & 0x1f;
  const frac = int16 & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024) // subnormals
  if (exp === 0x1f) return frac ? NaN : sign * Infinity
  return sign * 2 ** (exp - 15) * (1 + frac / 1024)
}

/**
 * Build a tree from the schema elements.
 *
 * @param {SchemaElement[]} schema
 * @param {number} rootIndex index of the root element
 * @param {string[]} path path to the element
 * @returns {SchemaTree} tree of schema elements
 */
function schemaTree(schema, rootIndex, path) {
  const element = schema[rootIndex];
  const children = [];
  let count = 1;

  // Read the specified number of children
  if (element.num_children) {
    while (children.length < element.num_children) {
      const childElement = schema[rootIndex + count];
      const child = schemaTree(schema, rootIndex + count, [...path, childElement.name]);
      count += child.count;
      children.push(child);
    }
  }

  return { count, element, children, path }
}

/**
 * Get schema elements from the root to the given element name.
 *
 * @param {SchemaElement[]} schema
 * @param {string[]} name path to the element
 * @returns {SchemaTree[]} list of schema elements
 */
function getSchemaPath(schema, name) {
  return getTreePath(schemaTree(schema, 0, []), name)
}

/**
 * Get schema tree nodes from the root of a prebuilt tree to the given element name.
 *
 * @param {SchemaTree} tree root of the schema tree
 * @param {string[]} name path to the element
 * @returns {SchemaTree[]} list of schema elements
 */
function getTreePath(tree, name) {
  const path = [tree];
  for (const part of name) {
    const child = tree.children.find(child => child.element.name === part);
    if (!child) throw new Error(`parquet schema element not found: ${name}`)
    path.push(child);
    tree = child;
  }
  return path
}

/**
 * Get the max repetition level for a given schema path.
 *
 * @param {SchemaTree[]} schemaPath
 * @returns {number} max repetition level
 */
function getMaxRepetitionLevel(schemaPath) {
  let maxLevel = 0;
  for (const { element } of schemaPath) {
    if (element.repetition_type === 'REPEATED') {
      maxLevel++;
    }
  }
  return maxLevel
}

/**
 * Get the max definition level for a given schema path.
 *
 * @param {SchemaTree[]} schemaPath
 * @returns {number} max definition level
 */
function getMaxDefinitionLevel(schemaPath) {
  let maxLevel = 0;
  for (const { element } of schemaPath.slice(1)) {
    if (element.repetition_type !== 'REQUIRED') {
      maxLevel++;
    }
  }
  return maxLevel
}

/**
 * @import {SchemaElement, SchemaTree} from '../src/types.js'
 */

/**
 * @import {DataReader, ThriftObject, ThriftType} from '../src/types.js'
 */

// TCompactProtocol types
const STOP = 0;
const TRUE = 1;
const FALSE = 2;
const BYTE = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const STRUCT = 12;

/**
 * Parse TCompactProtocol
 *
 * @param {DataReader} reader
 * @returns {{ [key: `field_${number}`]: any }}
 */
function deserializeTCompactProtocol(reader) {
  /** @type {ThriftObject} */
  const value = {};
  let fid = 0;

  while (true) {
    if (reader.offset >= reader.view.byteLength) throw new Error('thrift struct ended without STOP')
    // Parse each field based on its type and add to the result object
    const byte = reader.view.getUint8(reader.offset++);
    const type = byte & 0x0f;
    if (type === STOP) break
    const delta = byte >> 4;
    fid = delta ? fid + delta : readZigZag(reader);
    value[`field_${fid}`] = readElement(reader, type);
  }

  return value
}

/**
 * Read a single element based on its type
 *
 * @param {DataReader} reader
 * @param {number} type
 * @returns {ThriftType}
 */
function readElement(reader, type) {
  switch (type) {
  case TRUE:
    return true
  case FALSE:
    return false
  case BYTE:
    return reader.view.getInt8(reader.offset++)
  case I16:
  case I32:
    return readZigZag(reader)
  case I64:
    return readZigZagBigInt(reader)
  case DOUBLE: {
    const value = reader.view.getFloat64(reader.offset, true);
    reader.offset += 8;
    return value
  }
  case BINARY: {
    const stringLength = readVarInt(reader);
    if (reader.offset + stringLength > reader.view.byteLength) {
      throw new Error(`thrift binary length ${stringLength} exceeds remaining ${reader.view.byteLength - reader.offset} bytes`)
    }
    const strBytes = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, stringLength);
    reader.offset += stringLength;
    return strBytes
  }
  case LIST: {
    const byte = reader.view.getUint8(reader.offset++);
    const elemType = byte & 0x0f;
    let listSize = byte >> 4;
    if (listSize === 15) {
      listSize = readVarInt(reader);
    }
    const boolType = elemType === TRUE || elemType === FALSE;
    const values = new Array(listSize);
    for (let i = 0; i < listSize; i++) {
      values[i] = boolType ? readElement(reader, BYTE) === 1 : readElement(reader, elemType);
    }
    return values
  }
  case STRUCT:
    // main function handles struct parsing
    return deserializeTCompactProtocol(reader)
  default:
    // MAP, SET, UUID not used by parquet
    throw new Error(`thrift unhandled type: ${type}`)
  }
}

/**
 * Read varint aka Unsigned LEB128.
 *
 * @param {DataReader} reader
 * @returns {number}
 */
function readVarInt(reader) {
  let result = 0;
  let shift = 0;
  while (true) {
    // Read groups of 7 low bits until high bit is 0
    const byte = reader.view.getUint8(reader.offset++);
    result |= (byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      return result
    }
    shift += 7;
  }
}

/**
 * Read a varint as a bigint.
 *
 * @param {DataReader} reader
 * @returns {bigint}
 */
function readVarBigInt(reader) {
  let result = 0n;
  let shift = 0n;
  while (true) {
    const byte = reader.view.getUint8(reader.offset++);
    result |= BigInt(byte & 0x7f) << shift;
    if (!(byte & 0x80)) {
      return result
    }
    shift += 7n;
  }
}

/**
 * Read a zigzag number.
 * Zigzag folds positive and negative numbers into the positive number space.
 *
 * @param {DataReader} reader
 * @returns {number}
 */
function readZigZag(reader) {
  const zigzag = readVarInt(reader);
  return zigzag >>> 1 ^ -(zigzag & 1)
}

/**
 * Read a zigzag bigint.
 *
 * @param {DataReader} reader
 * @returns {bigint}
 */
function readZigZagBigInt(reader) {
  const zigzag = readVarBigInt(reader);
  return zigzag >> 1n ^ -(zigzag & 1n)
}

/**
 * @param {SchemaElement[]} schema
 * @param {KeyValue[] | undefined} key_value_metadata
 * @returns {void}
 */
function markGeoColumns(schema, key_value_metadata) {
  // Prepare the list of GeoParquet columns
  /** @type {Map<string, LogicalType>} */
  const columns = new Map();
  const geo = key_value_metadata?.find(({ key }) => key === 'geo')?.value;
  const decodedColumns = (geo && JSON.parse(geo)?.columns) ?? {};
  for (const [name, column] of Object.entries(decodedColumns)) {
    if (column.encoding !== 'WKB') continue

    const type = column.edges === 'spherical' ? 'GEOGRAPHY' : 'GEOMETRY';
    const id = column.crs?.id ?? column.crs?.ids?.[0];
    const crs = id ? `${id.authority}:${id.code.toString()}` : undefined;
    // Note: we can't infer GEOGRAPHY's algorithm from GeoParquet
    columns.set(name, { type, crs });
  }

  // Mark schema elements with logical type
  // Only look at root-level columns of type BYTE_ARRAY without existing logical_type
  for (let i = 1; i < schema.length; i++) { // skip root
    const { logical_type, name, num_children, type } = schema[i];
    if (num_children) {
      i += num_children;
      continue // skip the element and its children
    }
    if (type === 'BYTE_ARRAY' && !logical_type) {
      schema[i].logical_type = columns.get(name);
    }
  }
}

/**
 * @import {KeyValue, LogicalType, SchemaElement} from '../src/types.js'
 */

/**
 * @import {AsyncBuffer, FileMetaData, KeyValue, LogicalType, MetadataOptions, MinMaxType, ParquetParsers, SchemaElement, SchemaTree, Statistics, TimeUnit} from '../src/types.js'
 */

const defaultInitialFetchSize = 1 << 19; // 512kb

const decoder = new TextDecoder();
function decode(/** @type {Uint8Array} */ value) {
  return value && decoder.decode(value)
}

/**
 * Read parquet metadata from an async buffer.
 *
 * An AsyncBuffer is like an ArrayBuffer, but the slices are loaded
 * asynchronously, possibly over the network.
 *
 * You must provide the byteLength of the buffer, typically from a HEAD request.
 *
 * In theory, you could use suffix-range requests to fetch the end of the file,
 * and save a round trip. But in practice, this doesn't work because chrome
 * deems suffix-range requests as a not-safe-listed header, and will require
 * a pre-flight. So the byteLength is required.
 *
 * To make this efficient, we initially request the last 512kb of the file,
 * which is likely to contain the metadata. If the metadata length exceeds the
 * initial fetch, 512kb, we request the rest of the metadata from the AsyncBuffer.
 *
 * This ensures that we either make one 512kb initial request for the metadata,
 * or a second request for up to the metadata size.
 *
 * @param {AsyncBuffer} asyncBuffer parquet file contents
 * @param {MetadataOptions & { initialFetchSize?: number }} options initial fetch size in bytes (default 512kb)
 * @returns {Promise<FileMetaData>} parquet metadata object
 */
async function parquetMetadataAsync(asyncBuffer, { parsers, initialFetchSize = defaultInitialFetchSize, geoparquet = true } = {}) {
  if (!asyncBuffer || !(asyncBuffer.byteLength >= 0)) throw new Error('parquet expected AsyncBuffer')

  // fetch last bytes (footer) of the file
  const footerOffset = Math.max(0, asyncBuffer.byteLength - initialFetchSize);
  const footerBuffer = await asyncBuffer.slice(footerOffset, asyncBuffer.byteLength);

  // Check for parquet magic number "PAR1"
  const footerView = new DataView(footerBuffer);
  if (footerView.getUint32(footerBuffer.byteLength - 4, true) !== 0x31524150) {
    throw new Error('parquet file invalid (footer != PAR1)')
  }

  // Parquet files store metadata at the end of the file
  // Metadata length is 4 bytes before the last PAR1
  const metadataLength = footerView.getUint32(footerBuffer.byteLength - 8, true);
  if (metadataLength > asyncBuffer.byteLength - 8) {
    throw new Error(`parquet metadata length ${metadataLength} exceeds available buffer ${asyncBuffer.byteLength - 8}`)
  }

  // check if metadata size fits inside the initial fetch
  if (metadataLength + 8 > initialFetchSize) {
    // fetch the rest of the metadata
    const metadataOffset = asyncBuffer.byteLength - metadataLength - 8;
    const metadataBuffer = await asyncBuffer.slice(metadataOffset, footerOffset);
    // combine initial fetch with the new slice
    const combinedBuffer = new ArrayBuffer(metadataLength + 8);
    const combinedView = new Uint8Array(combinedBuffer);
    combinedView.set(new Uint8Array(metadataBuffer));
    combinedView.set(new Uint8Array(footerBuffer), footerOffset - metadataOffset);
    return parquetMetadata(combinedBuffer, { parsers, geoparquet })
  } else {
    // parse metadata from the footer
    return parquetMetadata(footerBuffer, { parsers, geoparquet })
  }
}

/**
 * Read parquet metadata from a buffer synchronously.
 *
 * @param {ArrayBuffer | Uint8Array} arrayBuffer parquet file footer
 * @param {MetadataOptions} options metadata parsing options
 * @returns {FileMetaData} parquet metadata object
 */
function parquetMetadata(arrayBuffer, { parsers, geoparquet = true } = {}) {
  let view;
  if (arrayBuffer instanceof ArrayBuffer) {
    view = new DataView(arrayBuffer);
  } else if (arrayBuffer instanceof Uint8Array) {
    view = new DataView(arrayBuffer.buffer, arrayBuffer.byteOffset, arrayBuffer.byteLength);
  } else {
    throw new Error('parquet expected ArrayBuffer or Uint8Array')
  }

  // Use default parsers if not given
  const allParsers = { ...DEFAULT_PARSERS, ...parsers };

  // Validate footer magic number "PAR1"
  if (view.byteLength < 8) {
    throw new Error('parquet file is too short')
  }
  if (view.getUint32(view.byteLength - 4, true) !== 0x31524150) {
    throw new Error('parquet file invalid (footer != PAR1)')
  }

  // Parquet files store metadata at the end of the file
  // Metadata length is 4 bytes before the last PAR1
  const metadataLengthOffset = view.byteLength - 8;
  const metadataLength = view.getUint32(metadataLengthOffset, true);
  if (metadataLength > view.byteLength - 8) {
    // {metadata}, metadata_length, PAR1
    throw new Error(`parquet metadata length ${metadataLength} exceeds available buffer ${view.byteLength - 8}`)
  }

  const metadataOffset = metadataLengthOffset - metadataLength;
  const reader = { view, offset: metadataOffset };
  const metadata = deserializeTCompactProtocol(reader);

  // Parse metadata from thrift data
  const version = metadata.field_1;
  /** @type {SchemaElement[]} */
  const schema = metadata.field_2.map((/** @type {any} */ field) => ({
    type: ParquetTypes[field.field_1],
    type_length: field.field_2,
    repetition_type: FieldRepetitionTypes[field.field_3],
    name: decode(field.field_4),
    num_children: field.field_5,
    converted_type: ConvertedTypes[field.field_6],
    scale: field.field_7,
    precision: field.field_8,
    field_id: field.field_9,
    logical_type: logicalType(field.field_10),
  }));
  // schema element per column index
  const columnSchema = schema.filter(e => e.type);
  const num_rows = metadata.field_3;
  const row_groups = metadata.field_4.map((/** @type {any} */ rowGroup) => ({
    columns: rowGroup.field_1.map((/** @type {any} */ column, /** @type {number} */ columnIndex) => ({
      file_path: decode(column.field_1),
      file_offset: column.field_2,
      meta_data: column.field_3 && {
        type: ParquetTypes[column.field_3.field_1],
        encodings: column.field_3.field_2?.map((/** @type {number} */ e) => Encodings[e]),
        path_in_schema: column.field_3.field_3.map(decode),
        codec: CompressionCodecs[column.field_3.field_4],
        num_values: column.field_3.field_5,
        total_uncompressed_size: column.field_3.field_6,
        total_compressed_size: column.field_3.field_7,
        key_value_metadata: column.field_3.field_8?.map((/** @type {any} */ kv) => ({
          key: decode(kv.field_1),
          value: decode(kv.field_2),
        })),
        data_page_offset: column.field_3.field_9,
        index_page_offset: column.field_3.field_10,
        dictionary_page_offset: column.field_3.field_11,
        statistics: convertStats(column.field_3.field_12, columnSchema[columnIndex], allParsers),
        encoding_stats: column.field_3.field_13?.map((/** @type {any} */ encodingStat) => ({
          page_type: PageTypes[encodingStat.field_1],
          encoding: Encodings[encodingStat.field_2],
          count: encodingStat.field_3,
        })),
        bloom_filter_offset: column.field_3.field_14,
        bloom_filter_length: column.field_3.field_15,
        size_statistics: column.field_3.field_16 && {
          unencoded_byte_array_data_bytes: column.field_3.field_16.field_1,
          repetition_level_histogram: column.field_3.field_16.field_2,
          definition_level_histogram: column.field_3.field_16.field_3,
        },
        geospatial_statistics: column.field_3.field_17 && {
          bbox: column.field_3.field_17.field_1 && {
            xmin: column.field_3.field_17.field_1.field_1,
            xmax: column.field_3.field_17.field_1.field_2,
            ymin: column.field_3.field_17.field_1.field_3,
            ymax: column.field_3.field_17.field_1.field_4,
            zmin: column.field_3.field_17.field_1.field_5,
            zmax: column.field_3.field_17.field_1.field_6,
            mmin: column.field_3.field_17.field_1.field_7,
            mmax: column.field_3.field_17.field_1.field_8,
          },
          geospatial_types: column.field_3.field_17.field_2,
        },
      },
      offset_index_offset: column.field_4,
      offset_index_length: column.field_5,
      column_index_offset: column.field_6,
      column_index_length: column.field_7,
      crypto_metadata: column.field_8,
      encrypted_column_metadata: column.field_9,
    })),
    total_byte_size: rowGroup.field_2,
    num_rows: rowGroup.field_3,
    sorting_columns: rowGroup.field_4?.map((/** @type {any} */ sortingColumn) => ({
      column_idx: sortingColumn.field_1,
      descending: sortingColumn.field_2,
      nulls_first: sortingColumn.field_3,
    })),
    file_offset: rowGroup.field_5,
    total_compressed_size: rowGroup.field_6,
    ordinal: rowGroup.field_7,
  }));
  /** @type {KeyValue[] | undefined} */
  const key_value_metadata = metadata.field_5?.map((/** @type {any} */ kv) => ({
    key: decode(kv.field_1),
    value: decode(kv.field_2),
  }));
  const created_by = decode(metadata.field_6);

  if (geoparquet) {
    markGeoColumns(schema, key_value_metadata);
  }

  return {
    version,
    schema,
    num_rows,
    row_groups,
    key_value_metadata,
    created_by,
    metadata_length: metadataLength,
  }
}

/**
 * Return a tree of schema elements from parquet metadata.
 *
 * @param {{schema: SchemaElement[]}} metadata parquet metadata object
 * @returns {SchemaTree} tree of schema elements
 */
function parquetSchema({ schema }) {
  return getSchemaPath(schema, [])[0]
}

/**
 * @param {any} logicalType
 * @returns {LogicalType | undefined}
 */
function logicalType(logicalType) {
  if (logicalType?.field_1) return { type: 'STRING' }
  if (logicalType?.field_2) return { type: 'MAP' }
  if (logicalType?.field_3) return { type: 'LIST' }
  if (logicalType?.field_4) return { type: 'ENUM' }
  if (logicalType?.field_5) return {
    type: 'DECIMAL',
    scale: logicalType.field_5.field_1,
    precision: logicalType.field_5.field_2,
  }
  if (logicalType?.field_6) return { type: 'DATE' }
  if (logicalType?.field_7) return {
    type: 'TIME',
    isAdjustedToUTC: logicalType.field_7.field_1,
    unit: timeUnit(logicalType.field_7.field_2),
  }
  if (logicalType?.field_8) return {
    type: 'TIMESTAMP',
    isAdjustedToUTC: logicalType.field_8.field_1,
    unit: timeUnit(logicalType.field_8.field_2),
  }
  if (logicalType?.field_10) return {
    type: 'INTEGER',
    bitWidth: logicalType.field_10.field_1,
    isSigned: logicalType.field_10.field_2,
  }
  if (logicalType?.field_11) return { type: 'NULL' }
  if (logicalType?.field_12) return { type: 'JSON' }
  if (logicalType?.field_13) return { type: 'BSON' }
  if (logicalType?.field_14) return { type: 'UUID' }
  if (logicalType?.field_15) return { type: 'FLOAT16' }
  if (logicalType?.field_16) return {
    type: 'VARIANT',
    specification_version: logicalType.field_16.field_1,
  }
  if (logicalType?.field_17) return {
    type: 'GEOMETRY',
    crs: decode(logicalType.field_17.field_1),
  }
  if (logicalType?.field_18) return {
    type: 'GEOGRAPHY',
    crs: decode(logicalType.field_18.field_1),
    algorithm: EdgeInterpolationAlgorithms[logicalType.field_18.field_2],
  }
  return logicalType
}

/**
 * @param {any} unit
 * @returns {TimeUnit}
 */
function timeUnit(unit) {
  if (unit.field_1) return 'MILLIS'
  if (unit.field_2) return 'MICROS'
  if (unit.field_3) return 'NANOS'
  throw new Error('parquet time unit required')
}

/**
 * Convert column statistics based on column type.
 *
 * @param {any} stats
 * @param {SchemaElement} schema
 * @param {ParquetParsers} parsers
 * @returns {Statistics}
 */
function convertStats(stats, schema, parsers) {
  return stats && {
    max: convertMetadata(stats.field_1, schema, parsers),
    min: convertMetadata(stats.field_2, schema, parsers),
    null_count: stats.field_3,
    distinct_count: stats.field_4,
    max_value: convertMetadata(stats.field_5, schema, parsers),
    min_value: convertMetadata(stats.field_6, schema, parsers),
    is_max_value_exact: stats.field_7,
    is_min_value_exact: stats.field_8,
  }
}

/**
 * @param {Uint8Array | undefined} value
 * @param {SchemaElement} schema
 * @param {ParquetParsers} parsers
 * @returns {MinMaxType | undefined}
 */
function convertMetadata(value, schema, parsers) {
  const { type, converted_type, logical_type } = schema;
  if (value === undefined) return value
  if (type === 'BOOLEAN') return value[0] === 1
  if (type === 'BYTE_ARRAY') return parsers.stringFromBytes(value)
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  if (type === 'FLOAT' && view.byteLength === 4) return view.getFloat32(0, true)
  if (type === 'DOUBLE' && view.byteLength === 8) return view.getFloat64(0, true)
  if (type === 'INT32' && converted_type === 'DECIMAL' && view.byteLength === 4) {
    return view.getInt32(0, true) * 10 ** -(schema.scale || 0)
  }
  if (type === 'INT64' && converted_type === 'DECIMAL' && view.byteLength === 8) {
    return Number(view.getBigInt64(0, true)) * 10 ** -(schema.scale || 0)
  }
  if (type === 'INT32' && converted_type === 'DATE') return parsers.dateFromDays(view.getInt32(0, true))
  if (type === 'INT64' && converted_type === 'TIMESTAMP_MILLIS') return parsers.timestampFromMilliseconds(view.getBigInt64(0, true))
  if (type === 'INT64' && converted_type === 'TIMESTAMP_MICROS') return parsers.timestampFromMicroseconds(view.getBigInt64(0, true))
  if (type === 'INT64' && logical_type?.type === 'TIMESTAMP' && logical_type?.unit === 'NANOS') return parsers.timestampFromNanoseconds(view.getBigInt64(0, true))
  if (type === 'INT64' && logical_type?.type === 'TIMESTAMP' && logical_type?.unit === 'MICROS') return parsers.timestampFromMicroseconds(view.getBigInt64(0, true))
  if (type === 'INT64' && logical_type?.type === 'TIMESTAMP') return parsers.timestampFromMilliseconds(view.getBigInt64(0, true))
  const unsigned = converted_type?.startsWith('UINT_') ||
    logical_type?.type === 'INTEGER' && !logical_type.isSigned;
  if (type === 'INT32' && unsigned && view.byteLength === 4) return view.getUint32(0, true)
  if (type === 'INT64' && unsigned && view.byteLength === 8) return view.getBigUint64(0, true)
  if (type === 'INT32' && view.byteLength === 4) return view.getInt32(0, true)
  if (type === 'INT64' && view.byteLength === 8) return view.getBigInt64(0, true)
  if (converted_type === 'DECIMAL') return parseDecimal(value) * 10 ** -(schema.scale || 0)
  if (logical_type?.type === 'FLOAT16') return parseFloat16(value)
  if (logical_type?.type === 'UUID') return parsers.uuidFromBytes(value)
  if (type === 'FIXED_LEN_BYTE_ARRAY') return value
  // assert(false)
  return value
}

/**
 * @import {DataReader} from '../src/types.js'
 */


/**
 * @param {DataReader} reader
 * @param {number} count number of values to read
 * @param {Int32Array | BigInt64Array} output
 */
function deltaBinaryUnpack(reader, count, output) {
  if (output instanceof Int32Array) {
    deltaBinaryUnpackInt32(reader, count, output);
    return
  }
  const blockSize = readVarInt(reader);
  const miniblockPerBlock = readVarInt(reader);
  readVarInt(reader); // assert(=== count)
  let value = readZigZagBigInt(reader); // first value
  let outputIndex = 0;
  output[outputIndex++] = value;

  const valuesPerMiniblock = blockSize / miniblockPerBlock;

  while (outputIndex < count) {
    // new block
    const minDelta = readZigZagBigInt(reader);
    const bitWidths = new Uint8Array(miniblockPerBlock);
    for (let i = 0; i < miniblockPerBlock; i++) {
      bitWidths[i] = reader.view.getUint8(reader.offset++);
    }

    for (let i = 0; i < miniblockPerBlock && outputIndex < count; i++) {
      // new miniblock
      const bitWidth = bitWidths[i];
      if (bitWidth) {
        // Miniblock data lengths are multiples of four bytes.
        let bitpackPos = 0;
        let miniblockCount = valuesPerMiniblock;
        const mask = (1n << BigInt(bitWidth)) - 1n;
        while (miniblockCount && outputIndex < count) {
          let bits = BigInt(reader.view.getUint32(reader.offset, true) >>> bitpackPos) & mask; // TODO: don't re-read value every time
          bitpackPos += bitWidth;
          while (bitpackPos >= 32) {
            bitpackPos -= 32;
            reader.offset += 4;
            if (bitpackPos) {
              bits |= BigInt(reader.view.getUint32(reader.offset, true)) << BigInt(bitWidth - bitpackPos) & mask;
            }
          }
          const delta = minDelta + bits;
          value += delta;
          output[outputIndex++] = value;
          miniblockCount--;
        }
        if (miniblockCount) {
          // consume leftover miniblock
          reader.offset += Math.ceil((miniblockCount * bitWidth + bitpackPos) / 8);
        }
      } else {
        for (let j = 0; j < valuesPerMiniblock && outputIndex < count; j++) {
          value += minDelta;
          output[outputIndex++] = value;
        }
      }
    }
  }
}

/**
 * Decode INT32 without BigInt arithmetic in the per-value loop.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @param {Int32Array} output
 */
function deltaBinaryUnpackInt32(reader, count, output) {
  const blockSize = readVarInt(reader);
  const miniblockPerBlock = readVarInt(reader);
  readVarInt(reader);
  let value = readZigZag(reader);
  let outputIndex = 0;
  output[outputIndex++] = value;
  const valuesPerMiniblock = blockSize / miniblockPerBlock;
  const { view } = reader;
  while (outputIndex < count) {
    const minDelta = readZigZagInt33(reader);
    const bitWidthsOffset = reader.offset;
    let offset = bitWidthsOffset + miniblockPerBlock;
    for (let i = 0; i < miniblockPerBlock && outputIndex < count; i++) {
      const bitWidth = view.getUint8(bitWidthsOffset + i);
      const end = offset + valuesPerMiniblock * bitWidth / 8;
      let bitOffset = 0;
      for (let j = 0; j < valuesPerMiniblock && outputIndex < count; j++) {
        let residual = 0;
        let bitsRead = 0;
        while (bitsRead < bitWidth) {
          const bitsToRead = Math.min(8 - bitOffset, bitWidth - bitsRead);
          // Residual bits at 32 and above vanish modulo 2^32.
          if (bitsRead < 32) {
            residual |= (view.getUint8(offset) >>> bitOffset & (1 << bitsToRead) - 1) << bitsRead;
          }
          bitsRead += bitsToRead;
          bitOffset += bitsToRead;
          if (bitOffset === 8) {
            bitOffset = 0;
            offset++;
          }
        }
        // Parquet INT32 delta arithmetic wraps in two's complement.
        value = value + minDelta + residual | 0;
        output[outputIndex++] = value;
      }
      // Consume the entire padded miniblock, but not unused miniblock bodies.
      offset = end;
    }
    reader.offset = offset;
  }
}

/**
 * Read a zigzag varint modulo 2^32. INT32 deltas can need 33 bits, which
 * readZigZag truncates, but only the low 32 bits of the decoded value matter.
 * readVarInt keeps the low 32 zigzag bits of a 5-byte varint; bit 32 is bit 4
 * of the fifth byte. Reusing readVarInt keeps the caller's hot loop fast.
 *
 * @param {DataReader} reader
 * @returns {number}
 */
function readZigZagInt33(reader) {
  const start = reader.offset;
  const low = readVarInt(reader);
  const high = reader.offset - start === 5 ? reader.view.getUint8(start + 4) >>> 4 & 1 : 0;
  return (low >>> 1 | high << 31) ^ -(low & 1)
}

/**
 * @param {DataReader} reader
 * @param {number} count
 * @param {Uint8Array[]} output
 */
function deltaLengthByteArray(reader, count, output) {
  const lengths = new Int32Array(count);
  deltaBinaryUnpack(reader, count, lengths);
  for (let i = 0; i < count; i++) {
    output[i] = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, lengths[i]);
    reader.offset += lengths[i];
  }
}

/**
 * @param {DataReader} reader
 * @param {number} count
 * @param {Uint8Array[]} output
 */
function deltaByteArray(reader, count, output) {
  const prefixData = new Int32Array(count);
  deltaBinaryUnpack(reader, count, prefixData);
  const suffixData = new Int32Array(count);
  deltaBinaryUnpack(reader, count, suffixData);

  for (let i = 0; i < count; i++) {
    const suffix = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, suffixData[i]);
    if (prefixData[i]) {
      // copy from previous value
      output[i] = new Uint8Array(prefixData[i] + suffixData[i]);
      output[i].set(output[i - 1].subarray(0, prefixData[i]));
      output[i].set(suffix, prefixData[i]);
    } else {
      output[i] = suffix;
    }
    reader.offset += suffixData[i];
  }
}

/**
 * @import {DataReader, DecodedArray, ParquetType} from '../src/types.js'
 */


/**
 * Read values from a run-length encoded/bit-packed hybrid encoding.
 *
 * If length is zero, then read int32 length at the start.
 *
 * @param {DataReader} reader
 * @param {number} width - bitwidth
 * @param {DecodedArray} output
 * @param {number} [length] - length of the encoded data
 */
function readRleBitPackedHybrid(reader, width, output, length) {
  if (length === undefined) {
    length = reader.view.getUint32(reader.offset, true);
    reader.offset += 4;
  }
  const startOffset = reader.offset;
  let seen = 0;
  while (seen < output.length) {
    const header = readVarInt(reader);
    if (header & 1) {
      // bit-packed
      seen = readBitPacked(reader, header, width, output, seen);
    } else {
      // rle
      const count = header >>> 1;
      readRle(reader, count, width, output, seen);
      seen += count;
    }
  }
  reader.offset = startOffset + length; // duckdb writes an empty block
}

/**
 * Run-length encoding: read value with bitWidth and repeat it count times.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @param {number} bitWidth
 * @param {DecodedArray} output
 * @param {number} seen
 */
function readRle(reader, count, bitWidth, output, seen) {
  const width = bitWidth + 7 >> 3;
  let value = 0;
  for (let i = 0; i < width; i++) {
    value |= reader.view.getUint8(reader.offset++) << (i << 3);
  }
  // assert(value < 1 << bitWidth)

  // repeat value count times
  for (let i = 0; i < count; i++) {
    output[seen + i] = value;
  }
}

/**
 * Read a bit-packed run of the rle/bitpack hybrid.
 * Supports width > 8 (crossing bytes).
 *
 * @param {DataReader} reader
 * @param {number} header - bit-pack header
 * @param {number} bitWidth
 * @param {DecodedArray} output
 * @param {number} seen
 * @returns {number} total output values so far
 */
function readBitPacked(reader, header, bitWidth, output, seen) {
  let count = header >> 1 << 3; // values to read
  const mask = (1 << bitWidth) - 1;

  let data = 0;
  if (reader.offset < reader.view.byteLength) {
    data = reader.view.getUint8(reader.offset++);
  } else if (mask) {
    // sometimes out-of-bounds reads are masked out
    throw new Error(`parquet bitpack offset ${reader.offset} out of range`)
  }
  let left = 8;
  let right = 0;

  // read values
  while (count) {
    // if we have crossed a byte boundary, shift the data
    if (right > 8) {
      right -= 8;
      left -= 8;
      data >>>= 8;
    } else if (left - right < bitWidth) {
      // if we don't have bitWidth number of bits to read, read next byte
      data |= reader.view.getUint8(reader.offset) << left;
      reader.offset++;
      left += 8;
    } else {
      if (seen < output.length) {
        // emit value
        output[seen++] = data >> right & mask;
      }
      count--;
      right += bitWidth;
    }
  }

  return seen
}

/**
 * @param {DataReader} reader
 * @param {number} count
 * @param {ParquetType} type
 * @param {number | undefined} typeLength
 * @returns {DecodedArray}
 */
function byteStreamSplit(reader, count, type, typeLength) {
  const width = byteWidth(type, typeLength);
  const bytes = new Uint8Array(count * width);
  for (let b = 0; b < width; b++) {
    for (let i = 0; i < count; i++) {
      bytes[i * width + b] = reader.view.getUint8(reader.offset++);
    }
  }
  // interpret bytes as typed array
  if (type === 'FLOAT') return new Float32Array(bytes.buffer)
  else if (type === 'DOUBLE') return new Float64Array(bytes.buffer)
  else if (type === 'INT32') return new Int32Array(bytes.buffer)
  else if (type === 'INT64') return new BigInt64Array(bytes.buffer)
  else if (type === 'FIXED_LEN_BYTE_ARRAY') {
    // split into arrays of typeLength
    const split = new Array(count);
    for (let i = 0; i < count; i++) {
      split[i] = bytes.subarray(i * width, (i + 1) * width);
    }
    return split
  }
  throw new Error(`parquet byte_stream_split unsupported type: ${type}`)
}

/**
 * @param {ParquetType} type
 * @param {number | undefined} typeLength
 * @returns {number}
 */
function byteWidth(type, typeLength) {
  switch (type) {
  case 'INT32':
  case 'FLOAT':
    return 4
  case 'INT64':
  case 'DOUBLE':
    return 8
  case 'FIXED_LEN_BYTE_ARRAY':
    if (!typeLength) throw new Error('parquet byteWidth missing type_length')
    return typeLength
  default:
    throw new Error(`parquet unsupported type: ${type}`)
  }
}

/**
 * Read `count` values of the given type from the reader.view.
 *
 * @param {DataReader} reader - buffer to read data from
 * @param {ParquetType} type - parquet type of the data
 * @param {number} count - number of values to read
 * @param {number | undefined} fixedLength - length of each fixed length byte array
 * @returns {DecodedArray} array of values
 */
function readPlain(reader, type, count, fixedLength) {
  if (count === 0) return []
  if (type === 'BOOLEAN') {
    return readPlainBoolean(reader, count)
  } else if (type === 'INT32') {
    return readPlainInt32(reader, count)
  } else if (type === 'INT64') {
    return readPlainInt64(reader, count)
  } else if (type === 'INT96') {
    return readPlainInt96(reader, count)
  } else if (type === 'FLOAT') {
    return readPlainFloat(reader, count)
  } else if (type === 'DOUBLE') {
    return readPlainDouble(reader, count)
  } else if (type === 'BYTE_ARRAY') {
    return readPlainByteArray(reader, count)
  } else if (type === 'FIXED_LEN_BYTE_ARRAY') {
    if (!fixedLength) throw new Error('parquet missing fixed length')
    return readPlainByteArrayFixed(reader, count, fixedLength)
  } else {
    throw new Error(`parquet unhandled type: ${type}`)
  }
}

/**
 * Read `count` boolean values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {boolean[]}
 */
function readPlainBoolean(reader, count) {
  const values = new Array(count);
  for (let i = 0; i < count; i++) {
    const byteOffset = reader.offset + (i / 8 | 0);
    const bitOffset = i % 8;
    const byte = reader.view.getUint8(byteOffset);
    values[i] = (byte & 1 << bitOffset) !== 0;
  }
  reader.offset += Math.ceil(count / 8);
  return values
}

/**
 * Read `count` int32 values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {Int32Array}
 */
function readPlainInt32(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 4
    ? new Int32Array(align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 4))
    : new Int32Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count);
  reader.offset += count * 4;
  return values
}

/**
 * Read `count` int64 values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {BigInt64Array}
 */
function readPlainInt64(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 8
    ? new BigInt64Array(align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 8))
    : new BigInt64Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count);
  reader.offset += count * 8;
  return values
}

/**
 * Read `count` int96 values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {bigint[]}
 */
function readPlainInt96(reader, count) {
  const values = new Array(count);
  for (let i = 0; i < count; i++) {
    const low = reader.view.getBigInt64(reader.offset + i * 12, true);
    const high = reader.view.getInt32(reader.offset + i * 12 + 8, true);
    values[i] = BigInt(high) << 64n | low;
  }
  reader.offset += count * 12;
  return values
}

/**
 * Read `count` float values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {Float32Array}
 */
function readPlainFloat(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 4
    ? new Float32Array(align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 4))
    : new Float32Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count);
  reader.offset += count * 4;
  return values
}

/**
 * Read `count` double values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {Float64Array}
 */
function readPlainDouble(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 8
    ? new Float64Array(align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 8))
    : new Float64Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count);
  reader.offset += count * 8;
  return values
}

/**
 * Read `count` byte array values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {Uint8Array[]}
 */
function readPlainByteArray(reader, count) {
  const values = new Array(count);
  for (let i = 0; i < count; i++) {
    const length = reader.view.getUint32(reader.offset, true);
    reader.offset += 4;
    values[i] = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, length);
    reader.offset += length;
  }
  return values
}

/**
 * Read a fixed length byte array.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @param {number} fixedLength
 * @returns {Uint8Array[]}
 */
function readPlainByteArrayFixed(reader, count, fixedLength) {
  // assert(reader.view.byteLength - reader.offset >= count * fixedLength)
  const values = new Array(count);
  for (let i = 0; i < count; i++) {
    values[i] = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, fixedLength);
    reader.offset += fixedLength;
  }
  return values
}

/**
 * Create a new buffer with the offset and size.
 *
 * @import {DataReader, DecodedArray, ParquetType} from '../src/types.js'
 * @param {ArrayBufferLike} buffer
 * @param {number} offset
 * @param {number} size
 * @returns {ArrayBuffer}
 */
function align(buffer, offset, size) {
  const aligned = new ArrayBuffer(size);
  new Uint8Array(aligned).set(new Uint8Array(buffer, offset, size));
  return aligned
}

/**
 * The MIT License (MIT)
 * Copyright (c) 2016 Zhipeng Jia
 * https://github.com/zhipeng-jia/snappyjs
 */

const WORD_MASK = [0, 0xff, 0xffff, 0xffffff, 0xffffffff];

/**
 * Copy bytes from one array to another
 *
 * @param {Uint8Array} fromArray source array
 * @param {number} fromPos source position
 * @param {Uint8Array} toArray destination array
 * @param {number} toPos destination position
 * @param {number} length number of bytes to copy
 */
function copyBytes(fromArray, fromPos, toArray, toPos, length) {
  for (let i = 0; i < length; i++) {
    toArray[toPos + i] = fromArray[fromPos + i];
  }
}

/**
 * Decompress snappy data.
 * Accepts an output buffer to avoid allocating a new buffer for each call.
 *
 * @param {Uint8Array} input compressed data
 * @param {Uint8Array} output output buffer
 */
function snappyUncompress(input, output) {
  const inputLength = input.byteLength;
  const outputLength = output.byteLength;
  let pos = 0;
  let outPos = 0;

  // skip preamble (contains uncompressed length as varint)
  while (pos < inputLength) {
    const c = input[pos];
    pos++;
    if (c < 128) {
      break
    }
  }
  if (outputLength && pos >= inputLength) {
    throw new Error('invalid snappy length header')
  }

  while (pos < inputLength) {
    const c = input[pos];
    let len = 0;
    pos++;

    if (pos >= inputLength) {
      throw new Error('missing eof marker')
    }

    // There are two types of elements, literals and copies (back references)
    if ((c & 0x3) === 0) {
      // Literals are uncompressed data stored directly in the byte stream
      let len = (c >>> 2) + 1;
      // Longer literal length is encoded in multiple bytes
      if (len > 60) {
        if (pos + 3 >= inputLength) {
          throw new Error('snappy error literal pos + 3 >= inputLength')
        }
        const lengthSize = len - 60; // length bytes - 1
        len = input[pos]
          + (input[pos + 1] << 8)
          + (input[pos + 2] << 16)
          + (input[pos + 3] << 24);
        len = (len & WORD_MASK[lengthSize]) + 1;
        pos += lengthSize;
      }
      if (pos + len > inputLength) {
        throw new Error('snappy error literal exceeds input length')
      }
      copyBytes(input, pos, output, outPos, len);
      pos += len;
      outPos += len;
    } else {
      // Copy elements
      let offset = 0; // offset back from current position to read
      switch (c & 0x3) {
      case 1:
        // Copy with 1-byte offset
        len = (c >>> 2 & 0x7) + 4;
        offset = input[pos] + (c >>> 5 << 8);
        pos++;
        break
      case 2:
        // Copy with 2-byte offset
        if (inputLength <= pos + 1) {
          throw new Error('snappy error end of input')
        }
        len = (c >>> 2) + 1;
        offset = input[pos] + (input[pos + 1] << 8);
        pos += 2;
        break
      case 3:
        // Copy with 4-byte offset
        if (inputLength <= pos + 3) {
          throw new Error('snappy error end of input')
        }
        len = (c >>> 2) + 1;
        offset = input[pos]
          + (input[pos + 1] << 8)
          + (input[pos + 2] << 16)
          + (input[pos + 3] << 24);
        pos += 4;
        break
      }
      if (offset === 0 || isNaN(offset)) {
        throw new Error(`invalid offset ${offset} pos ${pos} inputLength ${inputLength}`)
      }
      if (offset > outPos) {
        throw new Error('cannot copy from before start of buffer')
      }
      copyBytes(output, outPos - offset, output, outPos, len);
      outPos += len;
    }
  }

  if (outPos !== outputLength) throw new Error('premature end of input')
}

/**
 * @import {ColumnDecoder, CompressionCodec, Compressors, DataPage, DataPageHeader, DataPageHeaderV2, DataReader, DecodedArray, PageHeader, SchemaTree} from '../src/types.js'
 */


/**
 * Read a data page from uncompressed reader.
 *
 * @param {Uint8Array} bytes raw page data (should already be decompressed)
 * @param {DataPageHeader} daph data page header
 * @param {ColumnDecoder} columnDecoder
 * @returns {DataPage} definition levels, repetition levels, and array of values
 */
function readDataPage(bytes, daph, { type, element, schemaPath }) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: 0 };
  /** @type {DecodedArray} */
  let dataPage;

  // repetition and definition levels
  const repetitionLevels = readRepetitionLevels(reader, daph, schemaPath);
  // assert(!repetitionLevels.length || repetitionLevels.length === daph.num_values)
  const { definitionLevels, numNulls } = readDefinitionLevels(reader, daph, schemaPath);
  // assert(!definitionLevels.length || definitionLevels.length === daph.num_values)

  // read values based on encoding
  const nValues = daph.num_values - numNulls;
  if (daph.encoding === 'PLAIN') {
    dataPage = readPlain(reader, type, nValues, element.type_length);
  } else if (
    daph.encoding === 'PLAIN_DICTIONARY' ||
    daph.encoding === 'RLE_DICTIONARY' ||
    daph.encoding === 'RLE'
  ) {
    const bitWidth = type === 'BOOLEAN' ? 1 : view.getUint8(reader.offset++);
    if (bitWidth) {
      dataPage = new Array(nValues);
      if (type === 'BOOLEAN') {
        readRleBitPackedHybrid(reader, bitWidth, dataPage);
        dataPage = dataPage.map(x => !!x); // convert to boolean
      } else {
        // assert(daph.encoding.endsWith('_DICTIONARY'))
        readRleBitPackedHybrid(reader, bitWidth, dataPage, view.byteLength - reader.offset);
      }
    } else {
      dataPage = new Uint8Array(nValues); // nValue zeroes
    }
  } else if (daph.encoding === 'BYTE_STREAM_SPLIT') {
    dataPage = byteStreamSplit(reader, nValues, type, element.type_length);
  } else if (daph.encoding === 'DELTA_BINARY_PACKED') {
    const int32 = type === 'INT32';
    dataPage = int32 ? new Int32Array(nValues) : new BigInt64Array(nValues);
    deltaBinaryUnpack(reader, nValues, dataPage);
  } else if (daph.encoding === 'DELTA_LENGTH_BYTE_ARRAY') {
    dataPage = new Array(nValues);
    deltaLengthByteArray(reader, nValues, dataPage);
  } else if (daph.encoding === 'DELTA_BYTE_ARRAY') {
    dataPage = new Array(nValues);
    deltaByteArray(reader, nValues, dataPage);
  } else {
    throw new Error(`parquet unsupported encoding: ${daph.encoding}`)
  }

  return { definitionLevels, repetitionLevels, dataPage }
}

/**
 * @param {DataReader} reader data view for the page
 * @param {DataPageHeader} daph data page header
 * @param {SchemaTree[]} schemaPath
 * @returns {any[]} repetition levels and number of bytes read
 */
function readRepetitionLevels(reader, daph, schemaPath) {
  if (schemaPath.length > 1) {
    const maxRepetitionLevel = getMaxRepetitionLevel(schemaPath);
    if (maxRepetitionLevel) {
      const values = new Array(daph.num_values);
      readRleBitPackedHybrid(reader, bitWidth(maxRepetitionLevel), values);
      return values
    }
  }
  return []
}

/**
 * @param {DataReader} reader data view for the page
 * @param {DataPageHeader} daph data page header
 * @param {SchemaTree[]} schemaPath
 * @returns {{ definitionLevels: number[], numNulls: number }} definition levels
 */
function readDefinitionLevels(reader, daph, schemaPath) {
  const maxDefinitionLevel = getMaxDefinitionLevel(schemaPath);
  if (!maxDefinitionLevel) return { definitionLevels: [], numNulls: 0 }

  const definitionLevels = new Array(daph.num_values);
  readRleBitPackedHybrid(reader, bitWidth(maxDefinitionLevel), definitionLevels);

  // count nulls
  let numNulls = daph.num_values;
  for (const def of definitionLevels) {
    if (def === maxDefinitionLevel) numNulls--;
  }
  if (numNulls === 0) definitionLevels.length = 0;

  return { definitionLevels, numNulls }
}

/**
 * @param {Uint8Array} compressedBytes
 * @param {number} uncompressed_page_size
 * @param {CompressionCodec} codec
 * @param {Compressors | undefined} compressors
 * @returns {Uint8Array}
 */
function decompressPage(compressedBytes, uncompressed_page_size, codec, compressors) {
  /** @type {Uint8Array} */
  let page;
  const customDecompressor = compressors?.[codec];
  if (codec === 'UNCOMPRESSED') {
    page = compressedBytes;
  } else if (customDecompressor) {
    page = customDecompressor(compressedBytes, uncompressed_page_size);
  } else if (codec === 'SNAPPY') {
    page = new Uint8Array(uncompressed_page_size);
    snappyUncompress(compressedBytes, page);
  } else {
    throw new Error(`parquet unsupported compression codec: ${codec}`)
  }
  if (page?.length !== uncompressed_page_size) {
    throw new Error(`parquet decompressed page length ${page?.length} does not match header ${uncompressed_page_size}`)
  }
  return page
}


/**
 * Read a data page from the given Uint8Array.
 *
 * @param {Uint8Array} compressedBytes raw page data
 * @param {PageHeader} ph page header
 * @param {ColumnDecoder} columnDecoder
 * @returns {DataPage} definition levels, repetition levels, and array of values
 */
function readDataPageV2(compressedBytes, ph, columnDecoder) {
  const view = new DataView(compressedBytes.buffer, compressedBytes.byteOffset, compressedBytes.byteLength);
  const reader = { view, offset: 0 };
  const { type, element, schemaPath, codec, compressors } = columnDecoder;
  const daph2 = ph.data_page_header_v2;
  if (!daph2) throw new Error('parquet data page header v2 is undefined')

  // repetition levels
  const repetitionLevels = readRepetitionLevelsV2(reader, daph2, schemaPath);
  reader.offset = daph2.repetition_levels_byte_length; // readVarInt() => len for boolean v2?

  // definition levels
  const definitionLevels = readDefinitionLevelsV2(reader, daph2, schemaPath);
  // assert(reader.offset === daph2.repetition_levels_byte_length + daph2.definition_levels_byte_length)

  const uncompressedPageSize = ph.uncompressed_page_size - daph2.definition_levels_byte_length - daph2.repetition_levels_byte_length;

  let page = compressedBytes.subarray(reader.offset);
  if (daph2.is_compressed !== false) {
    page = decompressPage(page, uncompressedPageSize, codec, compressors);
  }
  const pageView = new DataView(page.buffer, page.byteOffset, page.byteLength);
  const pageReader = { view: pageView, offset: 0 };

  // read values based on encoding
  /** @type {DecodedArray} */
  let dataPage;
  const nValues = daph2.num_values - daph2.num_nulls;
  if (daph2.encoding === 'PLAIN') {
    dataPage = readPlain(pageReader, type, nValues, element.type_length);
  } else if (daph2.encoding === 'RLE') {
    // assert(type === 'BOOLEAN')
    dataPage = new Array(nValues);
    readRleBitPackedHybrid(pageReader, 1, dataPage);
    dataPage = dataPage.map(x => !!x);
  } else if (
    daph2.encoding === 'PLAIN_DICTIONARY' ||
    daph2.encoding === 'RLE_DICTIONARY'
  ) {
    const bitWidth = pageView.getUint8(pageReader.offset++);
    dataPage = new Array(nValues);
    readRleBitPackedHybrid(pageReader, bitWidth, dataPage, uncompressedPageSize - 1);
  } else if (daph2.encoding === 'DELTA_BINARY_PACKED') {
    const int32 = type === 'INT32';
    dataPage = int32 ? new Int32Array(nValues) : new BigInt64Array(nValues);
    deltaBinaryUnpack(pageReader, nValues, dataPage);
  } else if (daph2.encoding === 'DELTA_LENGTH_BYTE_ARRAY') {
    dataPage = new Array(nValues);
    deltaLengthByteArray(pageReader, nValues, dataPage);
  } else if (daph2.encoding === 'DELTA_BYTE_ARRAY') {
    dataPage = new Array(nValues);
    deltaByteArray(pageReader, nValues, dataPage);
  } else if (daph2.encoding === 'BYTE_STREAM_SPLIT') {
    dataPage = byteStreamSplit(pageReader, nValues, type, element.type_length);
  } else {
    throw new Error(`parquet unsupported encoding: ${daph2.encoding}`)
  }

  return { definitionLevels, repetitionLevels, dataPage }
}

/**
 * @param {DataReader} reader
 * @param {DataPageHeaderV2} daph2 data page header v2
 * @param {SchemaTree[]} schemaPath
 * @returns {any[]} repetition levels
 */
function readRepetitionLevelsV2(reader, daph2, schemaPath) {
  const maxRepetitionLevel = getMaxRepetitionLevel(schemaPath);
  if (!maxRepetitionLevel) return []

  const values = new Array(daph2.num_values);
  readRleBitPackedHybrid(reader, bitWidth(maxRepetitionLevel), values, daph2.repetition_levels_byte_length);
  return values
}

/**
 * @param {DataReader} reader
 * @param {DataPageHeaderV2} daph2 data page header v2
 * @param {SchemaTree[]} schemaPath
 * @returns {number[] | undefined} definition levels
 */
function readDefinitionLevelsV2(reader, daph2, schemaPath) {
  const maxDefinitionLevel = getMaxDefinitionLevel(schemaPath);
  if (maxDefinitionLevel) {
    // V2 we know the length
    const values = new Array(daph2.num_values);
    readRleBitPackedHybrid(reader, bitWidth(maxDefinitionLevel), values, daph2.definition_levels_byte_length);
    return values
  }
}

/**
 * Minimum bits needed to store value.
 *
 * @param {number} value
 * @returns {number}
 */
function bitWidth(value) {
  return 32 - Math.clz32(value)
}

/**
 * @import {ColumnDecoder, DataReader, DecodedArray, PageHeader, PageResult, RowGroupSelect, Statistics, SubColumnData} from '../src/types.js'
 */


/**
 * Read a page header from a buffer, leaving the reader at the start of the page data.
 *
 * @param {DataReader} reader
 * @returns {PageHeader}
 */
function parquetHeader(reader) {
  const header = deserializeTCompactProtocol(reader);

  // Parse parquet header from thrift data
  const type = PageTypes[header.field_1];
  const uncompressed_page_size = header.field_2;
  const compressed_page_size = header.field_3;
  const crc = header.field_4;
  const data_page_header = header.field_5 && {
    num_values: header.field_5.field_1,
    encoding: Encodings[header.field_5.field_2],
    definition_level_encoding: Encodings[header.field_5.field_3],
    repetition_level_encoding: Encodings[header.field_5.field_4],
    statistics: pageStatistics(header.field_5.field_5),
  };
  const index_page_header = header.field_6;
  const dictionary_page_header = header.field_7 && {
    num_values: header.field_7.field_1,
    encoding: Encodings[header.field_7.field_2],
    is_sorted: header.field_7.field_3,
  };
  const data_page_header_v2 = header.field_8 && {
    num_values: header.field_8.field_1,
    num_nulls: header.field_8.field_2,
    num_rows: header.field_8.field_3,
    encoding: Encodings[header.field_8.field_4],
    definition_levels_byte_length: header.field_8.field_5,
    repetition_levels_byte_length: header.field_8.field_6,
    is_compressed: header.field_8.field_7 === undefined ? true : header.field_8.field_7, // default true
    statistics: pageStatistics(header.field_8.field_8),
  };

  return {
    type,
    uncompressed_page_size,
    compressed_page_size,
    crc,
    data_page_header,
    index_page_header,
    dictionary_page_header,
    data_page_header_v2,
  }
}

/**
 * @param {any} stats thrift Statistics struct
 * @returns {Statistics | undefined}
 */
function pageStatistics(stats) {
  return stats && {
    max: stats.field_1,
    min: stats.field_2,
    null_count: stats.field_3,
    distinct_count: stats.field_4,
    max_value: stats.field_5,
    min_value: stats.field_6,
    is_max_value_exact: stats.field_7,
    is_min_value_exact: stats.field_8,
  }
}

/**
 * @import {AsyncBuffer} from '../src/types.js'
 */


/**
 * Construct an AsyncBuffer for a local file using node fs package.
 *
 * @param {string} filename
 * @returns {Promise<AsyncBuffer>}
 */
async function asyncBufferFromFile(filename) {
  const { size } = await promises.stat(filename);
  return {
    byteLength: size,
    slice(start, end) {
      if (start === end) return Promise.resolve(new ArrayBuffer(0))
      // read file slice (createReadStream end is inclusive)
      const reader = createReadStream(filename, { start, end: end === undefined ? undefined : end - 1 });
      return new Promise((resolve, reject) => {
        /** @type {any[]} */
        const chunks = [];
        reader.on('data', chunk => chunks.push(chunk));
        reader.on('error', reject);
        reader.on('end', () => {
          const buffer = Buffer.concat(chunks);
          if (buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength) {
            resolve(buffer.buffer);
          } else {
            // small buffers share node's allocation pool
            resolve(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
          }
        });
      })
    },
  }
}

var node = /*#__PURE__*/Object.freeze({
    __proto__: null,
    asyncBufferFromFile: asyncBufferFromFile,
    parquetMetadata: parquetMetadata,
    parquetMetadataAsync: parquetMetadataAsync,
    parquetSchema: parquetSchema,
    snappyUncompress: snappyUncompress
});

const scratch = {
    bytes: new Uint8Array(0),
    aligned: new Uint8Array(0),
    levels: new Int32Array(0),
    indices: new Int32Array(0)
};
function bytes(size) {
    if (scratch.bytes.length < size)
        scratch.bytes = new Uint8Array(size);
    return scratch.bytes.subarray(0, size);
}
function ints(kind, size) {
    if (scratch[kind].length < size)
        scratch[kind] = new Int32Array(size);
    return scratch[kind].subarray(0, size);
}
/** One column's page buffer: the values of its current page, overwritten by the next. */
class NumberPageBuffer {
    float32;
    values;
    constructor(float32) {
        this.float32 = float32;
        this.values = float32 ? new Float32Array(0) : new Float64Array(0);
    }
    take(size) {
        if (this.values.length < size)
            this.values = this.float32 ? new Float32Array(size) : new Float64Array(size);
        return this.values.subarray(0, size);
    }
}
const PLAIN_TYPES = new Set(['FLOAT', 'DOUBLE', 'INT32']);
/** Whether a column's pages can take the fast path at all (its type and codec). */
function fastNumberColumn(meta, element) {
    const plainNumber = PLAIN_TYPES.has(meta.type) && element.converted_type === undefined && element.logical_type === undefined;
    return plainNumber && (meta.codec === 'SNAPPY' || meta.codec === 'UNCOMPRESSED');
}
function readPageBody(page, header, meta, maxDefinition) {
    const daph = header.data_page_header;
    if (header.type !== 'DATA_PAGE' || daph === undefined)
        return undefined;
    const dictionaryEncoded = daph.encoding === 'RLE_DICTIONARY' || daph.encoding === 'PLAIN_DICTIONARY';
    if (daph.encoding !== 'PLAIN' && !dictionaryEncoded)
        return undefined;
    const plain = uncompressed(page, header, meta);
    if (plain === undefined)
        return undefined;
    const reader = { view: new DataView(plain.buffer, plain.byteOffset, plain.byteLength), offset: 0 };
    const rows = daph.num_values;
    let levels;
    let nulls = 0;
    if (maxDefinition > 0) {
        levels = ints('levels', rows);
        readRleBitPackedHybrid(reader, 32 - Math.clz32(maxDefinition), levels);
        for (let i = 0; i < rows; i++)
            if (levels[i] < maxDefinition)
                nulls++;
        if (nulls === 0)
            levels = undefined;
    }
    return { reader, plain, rows, levels, present: rows - nulls, dictionaryEncoded };
}
/** The dictionary indices of a dictionary-encoded page body, each checked against the dictionary's size. */
function readDictionaryIndices(body, dictionarySize) {
    const { reader } = body;
    const width = reader.view.getUint8(reader.offset++);
    const indices = ints('indices', body.present);
    if (width === 0)
        indices.fill(0);
    else
        readRleBitPackedHybrid(reader, width, indices, reader.view.byteLength - reader.offset);
    for (let n = 0; n < body.present; n++) {
        if (indices[n] >= dictionarySize)
            throw new RangeError(`dictionary index ${indices[n]} of ${dictionarySize}`);
    }
    return indices;
}
/** Values at their rows (NaN for nulls), or undefined when this page needs hyparquet's reader. */
function decodeNumberPage(page, header, meta, maxDefinition, dictionary, out) {
    const body = readPageBody(page, header, meta, maxDefinition);
    if (body === undefined || (body.dictionaryEncoded && !isNumbers(dictionary)))
        return undefined;
    const { rows, levels } = body;
    const values = out.take(rows);
    if (body.dictionaryEncoded) {
        const dict = dictionary;
        const indices = readDictionaryIndices(body, dict.length);
        if (levels === undefined)
            for (let i = 0; i < rows; i++)
                values[i] = dict[indices[i]];
        else
            for (let i = 0, n = 0; i < rows; i++)
                values[i] = levels[i] < maxDefinition ? NaN : dict[indices[n++]];
        return values;
    }
    const source = plainValues(body.plain, body.reader.offset, body.present, meta.type);
    if (levels === undefined)
        values.set(source);
    else
        for (let i = 0, n = 0; i < rows; i++)
            values[i] = levels[i] < maxDefinition ? NaN : source[n++];
    return values;
}
/** The page's PLAIN values as a typed array (a view when aligned, else copied to an aligned scratch). */
function plainValues(plain, offset, count, type) {
    const width = type === 'DOUBLE' ? 8 : 4;
    if (offset + count * width > plain.length)
        throw new RangeError('page values end past the page');
    let buffer = plain.buffer;
    let start = plain.byteOffset + offset;
    if (start % width !== 0) {
        if (scratch.aligned.length < count * width)
            scratch.aligned = new Uint8Array(count * width);
        scratch.aligned.set(plain.subarray(offset, offset + count * width));
        buffer = scratch.aligned.buffer;
        start = 0;
    }
    if (type === 'FLOAT')
        return new Float32Array(buffer, start, count);
    if (type === 'DOUBLE')
        return new Float64Array(buffer, start, count);
    return new Int32Array(buffer, start, count);
}
/**
 * A fast column's dictionary page, decoded into `keep` (the column's dictionary of its previous
 * row group, whose pages are all decoded by now) when it is large enough. Undefined: not PLAIN
 * numbers this path reads; the caller uses hyparquet.
 */
function decodeNumberDictionary(page, header, meta, keep) {
    const count = header.dictionary_page_header?.num_values;
    if (count === undefined)
        return undefined;
    const plain = uncompressed(page, header, meta);
    if (plain === undefined)
        return undefined;
    const source = plainValues(plain, 0, count, meta.type);
    const Type = source.constructor;
    if (!(keep.values instanceof Type) || keep.values.length < count)
        keep.values = new Type(count);
    const values = keep.values.subarray(0, count);
    values.set(source);
    return values;
}
/** The page's bytes uncompressed (SNAPPY into the shared scratch); undefined when its size is wrong. */
function uncompressed(page, header, meta) {
    const size = Number(header.uncompressed_page_size);
    if (meta.codec !== 'SNAPPY')
        return page.length === size ? page : undefined;
    const plain = bytes(size);
    snappyUncompress(page, plain);
    return plain;
}
function isNumbers(values) {
    return values instanceof Float32Array || values instanceof Float64Array || values instanceof Int32Array;
}

/** A column's code buffer, overwritten by each page. */
class TextPageBuffer {
    codes = new Int32Array(0);
    take(size) {
        if (this.codes.length < size)
            this.codes = new Int32Array(size);
        return this.codes.subarray(0, size);
    }
}
/** How a Parquet value reads as text; a null is the empty string (as pandas writes it to CSV). */
const valueText = (v) => (v === null || v === undefined ? '' : String(v));
/** A dictionary's values as text, with '' appended: the code of a null row is the dictionary's size. */
function dictionaryTexts(dictionary) {
    const texts = Array.from(dictionary, valueText);
    texts.push('');
    return texts;
}
/** The page's codes into `texts` (from dictionaryTexts), or undefined when hyparquet must decode it. */
function decodeDictionaryTextPage(page, header, meta, maxDefinition, texts, out) {
    if (meta.codec !== 'SNAPPY' && meta.codec !== 'UNCOMPRESSED')
        return undefined;
    const body = readPageBody(page, header, meta, maxDefinition);
    if (body === undefined || !body.dictionaryEncoded)
        return undefined;
    const size = texts.length - 1;
    const indices = readDictionaryIndices(body, size);
    const { rows, levels } = body;
    const codes = out.take(rows);
    if (levels === undefined)
        codes.set(indices.subarray(0, rows));
    else
        for (let i = 0, n = 0; i < rows; i++)
            codes[i] = levels[i] < maxDefinition ? size : indices[n++];
    return { codes, values: texts };
}
/** Values hyparquet decoded, at their rows (`isNull(i)` for row i), as codes. */
function codeValues(values, rows, isNull, out) {
    const codes = out.take(rows);
    const byValue = new Map();
    const texts = [];
    let next = 0;
    for (let i = 0; i < rows; i++) {
        const v = isNull(i) ? null : values[next++];
        let code = byValue.get(v);
        if (code === undefined) {
            code = texts.length;
            texts.push(valueText(v));
            byValue.set(v, code);
        }
        codes[i] = code;
    }
    return { codes, values: texts, used: next };
}

/** Rows in a page of either kind. */
const pageLength = (page) => ('codes' in page ? page.codes.length : page.length);
/** Reads a dictionary page into `state`. */
function readDictionaryPage(page, header, state) {
    guard(state, () => {
        state.dictionary =
            (state.fast && decodeNumberDictionary(page, header, state.meta, state.keep)) ||
                readDictionary(page, header, state.decoder);
        state.texts = state.text && dictionaryTexts(state.dictionary);
    });
}
/**
 * A data page's values (rows from `firstRow` of the chunk), or undefined for a page that holds
 * none. Values are a view of the column's page buffer: the reader copies them out before it
 * asks for the next page.
 */
function decodePage(page, header, state, firstRow) {
    return guard(state, () => {
        const { meta, maxDefinition, dictionary, fast, text, texts } = state;
        const numbers = fast && decodeNumberPage(page, header, meta, maxDefinition, dictionary, fast);
        if (numbers)
            return numbers;
        const coded = text && texts && decodeDictionaryTextPage(page, header, meta, maxDefinition, texts, text);
        if (coded)
            return coded;
        const decoded = decodeDataPage(page, header, state.decoder, dictionary);
        return decoded && scatter(decoded, state, firstRow);
    });
}
/** Runs a decode step; anything but a reason already meant for a person becomes one naming the page's column. */
function guard(state, step) {
    try {
        return step();
    }
    catch (error) {
        if (error instanceof GateError)
            throw error;
        throw invalid(`evaluation data ${state.file}: column '${state.column}' has a page in row group ${state.rowGroup + 1} ` +
            `that cannot be decoded (${error.message}); the file is corrupt`, error);
    }
}
function readDictionary(page, header, decoder) {
    const plain = decompressPage(page, Number(header.uncompressed_page_size), decoder.codec, undefined);
    const reader = { view: new DataView(plain.buffer, plain.byteOffset, plain.byteLength), offset: 0 };
    // A dictionary page is the distinct values, PLAIN encoded, without levels.
    const values = readPlain(reader, decoder.type, header.dictionary_page_header.num_values, decoder.element.type_length);
    const dictionary = convert(values, decoder);
    // An uncompressed page's plain values may be a view of the read window, which is reused.
    return ArrayBuffer.isView(dictionary) ? dictionary.slice() : dictionary;
}
function decodeDataPage(page, header, decoder, dictionary) {
    if (header.type === 'DATA_PAGE') {
        const daph = header.data_page_header;
        const plain = decompressPage(page, Number(header.uncompressed_page_size), decoder.codec, undefined);
        const { definitionLevels, dataPage } = readDataPage(plain, daph, decoder);
        const values = convertWithDictionary(dataPage, dictionary, daph.encoding, decoder);
        return { values, definitionLevels, rows: daph.num_values };
    }
    if (header.type === 'DATA_PAGE_V2') {
        const daph2 = header.data_page_header_v2;
        const { definitionLevels, dataPage } = readDataPageV2(page, header, decoder);
        const values = convertWithDictionary(dataPage, dictionary, daph2.encoding, decoder);
        return { values, definitionLevels, rows: daph2.num_rows };
    }
    return undefined; // index pages carry no values
}
/** Places the page's non-null values at their rows; a row below the maximum definition level is null. */
function scatter(page, state, firstRow) {
    const { values, rows } = page;
    const { maxDefinition, text } = state;
    const levels = page.definitionLevels?.length ? page.definitionLevels : undefined;
    const isNull = (i) => levels !== undefined && levels[i] < maxDefinition;
    let used = 0;
    let out;
    if (text !== undefined) {
        const coded = codeValues(values, rows, isNull, text);
        used = coded.used;
        out = coded;
    }
    else if (values.length === rows && isNumberArray(values)) {
        // Uncompressed plain values may be a view of the read window, which is reused: copy those.
        return state.meta.codec === 'UNCOMPRESSED' ? values.slice() : values;
    }
    else {
        const numbers = new Float64Array(rows);
        for (let i = 0; i < rows; i++)
            numbers[i] = toNumber(isNull(i) ? null : values[used++], state, firstRow + i);
        out = numbers;
    }
    if (used !== values.length) {
        throw invalid(`evaluation data ${state.file}: column '${state.column}' has a page whose values do not match ` +
            'its levels; the file is corrupt');
    }
    return out;
}
function toNumber(v, state, row) {
    if (typeof v === 'number')
        return v;
    if (typeof v === 'bigint')
        return Number(v);
    if (typeof v === 'boolean')
        return v ? 1 : 0;
    if (v === null || v === undefined)
        return Number.NaN;
    const where = `column '${state.column}' row ${row + 1} of row group ${state.rowGroup + 1}`;
    throw invalid(`evaluation data ${state.file}: ${where} holds ${typeof v} '${String(v).slice(0, 40)}', not a number; ` +
        'the model expects a numeric column — fix the data or the signature');
}
function isNumberArray(values) {
    return (values instanceof Float32Array ||
        values instanceof Float64Array ||
        values instanceof Int32Array ||
        values instanceof Uint32Array ||
        values instanceof Uint8Array);
}

/** Reads are at least this large, so most page headers and pages come in one read. */
const WINDOW_BYTES = 1024 * 1024;
/** A page header larger than this is not a Parquet page header. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;
const columnScratch = () => ({ window: new Uint8Array(0), dictionary: {} });
/** A window of the file over [start, start + bytes.length). */
class ChunkBytes {
    handle;
    end;
    scratch;
    bytes = new Uint8Array(0);
    start = 0;
    constructor(handle, end, scratch) {
        this.handle = handle;
        this.end = end;
        this.scratch = scratch;
    }
    /** `length` bytes from `position` (fewer at the chunk's end), read from the file when needed. */
    async at(position, length) {
        const want = Math.min(length, this.end - position);
        if (position < this.start || position + want > this.start + this.bytes.length) {
            // One buffer, reused: a page's values are copied out before the next read, and the
            // dictionary is copied (readDictionary), so nothing still points into the old window.
            const size = Math.min(Math.max(want, WINDOW_BYTES), this.end - position);
            if (this.scratch.window.length < size)
                this.scratch.window = new Uint8Array(size);
            const { bytesRead } = await this.handle.read(this.scratch.window, 0, size, position);
            this.bytes = this.scratch.window.subarray(0, bytesRead);
            this.start = position;
        }
        const offset = position - this.start;
        return this.bytes.subarray(offset, Math.min(offset + want, this.bytes.length));
    }
}
/** Yields the chunk's values one data page at a time. */
async function* columnPages(request) {
    const { metadata, column, file } = request;
    const meta = chunkMetadata(request);
    const schemaPath = getSchemaPath(metadata.schema, meta.path_in_schema);
    if (meta.path_in_schema.length !== 1 || getMaxRepetitionLevel(schemaPath) > 0) {
        throw invalid(`evaluation data ${file}: column '${column}' is nested (a list, map or struct); ` +
            'evaluation columns must be flat — flatten it before the gate reads it');
    }
    const decoder = {
        pathInSchema: meta.path_in_schema,
        type: meta.type,
        element: schemaPath[schemaPath.length - 1].element,
        schemaPath,
        codec: meta.codec,
        parsers: DEFAULT_PARSERS
    };
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    // The previous row group's last page was copied out before this one was asked for.
    const scratch = request.scratch ?? columnScratch();
    const bytes = new ChunkBytes(request.handle, start + Number(meta.total_compressed_size), scratch);
    let position = start;
    let rows = 0;
    const total = Number(metadata.row_groups[request.rowGroup].num_rows);
    const fastColumn = request.kind === 'number' && fastNumberColumn(meta, decoder.element);
    if (fastColumn)
        scratch.numbers ??= new NumberPageBuffer(meta.type === 'FLOAT');
    if (request.kind === 'string')
        scratch.text ??= new TextPageBuffer();
    const state = {
        file,
        column,
        rowGroup: request.rowGroup,
        meta,
        decoder,
        maxDefinition: getMaxDefinitionLevel(schemaPath),
        fast: fastColumn ? scratch.numbers : undefined,
        text: request.kind === 'string' ? scratch.text : undefined,
        keep: scratch.dictionary
    };
    while (rows < total && position < bytes.end) {
        const { header, length } = await pageHeader(bytes, position, file, column);
        position += length;
        const page = await bytes.at(position, header.compressed_page_size);
        if (page.length < header.compressed_page_size) {
            throw invalid(`evaluation data ${file}: column '${column}' ends inside a page; the file is truncated`);
        }
        position += header.compressed_page_size;
        if (header.type === 'DICTIONARY_PAGE')
            readDictionaryPage(page, header, state);
        else {
            const values = decodePage(page, header, state, rows);
            if (values === undefined)
                continue;
            rows += pageLength(values);
            yield values;
        }
    }
    if (rows < total) {
        const group = request.rowGroup + 1;
        throw invalid(`evaluation data ${file}: column '${column}' has ${rows} values in row group ${group} ` +
            `but the footer says ${total}; the file is truncated or corrupt`);
    }
}
function chunkMetadata({ metadata, rowGroup, column, file }) {
    const chunk = metadata.row_groups[rowGroup].columns.find((c) => c.meta_data?.path_in_schema[0] === column);
    if (chunk?.meta_data === undefined || chunk.file_path !== undefined) {
        throw invalid(`evaluation data ${file}: row group ${rowGroup + 1} has no readable chunk for column '${column}'; ` +
            'rewrite the file with pyarrow or pandas');
    }
    return chunk.meta_data;
}
async function pageHeader(bytes, position, file, column) {
    for (let window = 64 * 1024;; window *= 4) {
        const view = await bytes.at(position, window);
        const reader = { view: new DataView(view.buffer, view.byteOffset, view.byteLength), offset: 0 };
        let header;
        try {
            header = parquetHeader(reader);
        }
        catch (error) {
            // A header cut by the window reads past its end: retry with more bytes, up to a sane limit.
            if (!(error instanceof RangeError) || view.length < window || window >= MAX_HEADER_BYTES) {
                throw unreadable(file, column, error.message, error);
            }
            continue;
        }
        const size = header.compressed_page_size;
        const sane = Number.isSafeInteger(size) && size >= 0 && Number.isSafeInteger(header.uncompressed_page_size);
        if (header.type === undefined || !sane) {
            throw unreadable(file, column, `type ${String(header.type)}, ${String(size)} bytes`);
        }
        return { header, length: reader.offset };
    }
}
const unreadable = (file, column, why, cause) => invalid(`evaluation data ${file}: column '${column}' has an unreadable page header (${why}); ` +
    'the file is corrupt or not Parquet', cause);

var parquetPages = /*#__PURE__*/Object.freeze({
    __proto__: null,
    columnPages: columnPages,
    columnScratch: columnScratch,
    pageLength: pageLength
});
