/**
 * A flow name as a file name: letters, digits, '_' and '-' as they are, every other character (a
 * '.', a '/', anything) as %XX of its UTF-8 bytes, so that no name can leave the folder or clash
 * with another name.
 */
export function flowFileKey(flow) {
    let out = '';
    for (const byte of new TextEncoder().encode(flow)) {
        const c = String.fromCharCode(byte);
        out += /[A-Za-z0-9_-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
}
export const flowDataPath = (flow) => `flows/${flowFileKey(flow)}.json`;
export const numbersDataPath = (shard) => `numbers/${shard}.json`;
/** FNV-1a (32-bit) of the number's digits, modulo the shard count. */
export function numberShard(number, shards) {
    let h = 0x811c9dc5;
    for (let i = 0; i < number.length; i++) {
        h ^= number.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return shards <= 1 ? 0 : h % shards;
}
/** About this many numbers per shard: small enough to parse in well under a millisecond. */
export const NUMBERS_PER_SHARD = 512;
/** The shard count for a project: a power of two, 1 for small projects. */
export function shardCountFor(numbers) {
    let shards = 1;
    while (numbers / shards > NUMBERS_PER_SHARD)
        shards *= 2;
    return shards;
}
