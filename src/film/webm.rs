//! A WebM file of encoded VP8 frames: the few Matroska elements a player needs (the header, the
//! segment's timing and duration, one video track, clusters of blocks), written by hand — the
//! browser encodes the frames ([`super::video`]), and this only lays them out.

/// One encoded frame: its bytes, when it starts (ms from the start), and whether it is a key
/// frame (one a player can start from).
pub struct Chunk {
    /// The encoded frame.
    pub data: Vec<u8>,
    /// When it is shown, in milliseconds from the start.
    pub ms: u64,
    /// A key frame.
    pub key: bool,
}

/// The longest a cluster runs: a block's time is a signed 16-bit offset from its cluster's.
const CLUSTER_MS: u64 = 30_000;

/// `value` as an EBML variable-length size.
fn size(value: usize) -> Vec<u8> {
    let value = value as u64;
    let length = (1..=8)
        .find(|&n| value < (1u64 << (7 * n)) - 1)
        .unwrap_or(8);
    let marked = value | 1u64 << (7 * length);
    marked.to_be_bytes()[8 - length..].to_vec()
}

/// An element: its id (as written), its size, its body.
fn element(id: &[u8], body: &[u8]) -> Vec<u8> {
    let mut out = id.to_vec();
    out.extend(size(body.len()));
    out.extend_from_slice(body);
    out
}

/// An unsigned integer element, in as few bytes as it needs.
fn uint(id: &[u8], value: u64) -> Vec<u8> {
    let bytes = value.to_be_bytes();
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(7);
    element(id, &bytes[first..])
}

/// The WebM file of `chunks` (in order), `width` × `height` pixels, lasting `duration_ms`.
pub fn webm(chunks: &[Chunk], (width, height): (u32, u32), duration_ms: u64) -> Vec<u8> {
    let header = element(
        &[0x1A, 0x45, 0xDF, 0xA3],
        &[
            uint(&[0x42, 0x86], 1),
            uint(&[0x42, 0xF7], 1),
            uint(&[0x42, 0xF2], 4),
            uint(&[0x42, 0xF3], 8),
            element(&[0x42, 0x82], b"webm"),
            uint(&[0x42, 0x87], 2),
            uint(&[0x42, 0x85], 2),
        ]
        .concat(),
    );
    let info = element(
        &[0x15, 0x49, 0xA9, 0x66],
        &[
            // Times in milliseconds.
            uint(&[0x2A, 0xD7, 0xB1], 1_000_000),
            element(&[0x44, 0x89], &(duration_ms as f64).to_be_bytes()),
            element(&[0x4D, 0x80], b"Chainrule"),
            element(&[0x57, 0x41], b"Chainrule"),
        ]
        .concat(),
    );
    let video = element(
        &[0xE0],
        &[
            uint(&[0xB0], u64::from(width)),
            uint(&[0xBA], u64::from(height)),
        ]
        .concat(),
    );
    let tracks = element(
        &[0x16, 0x54, 0xAE, 0x6B],
        &element(
            &[0xAE],
            &[
                uint(&[0xD7], 1),
                uint(&[0x73, 0xC5], 1),
                uint(&[0x83], 1),
                element(&[0x86], b"V_VP8"),
                video,
            ]
            .concat(),
        ),
    );
    let mut body = [info, tracks].concat();
    // A cluster starts at a key frame once the one before has run long enough.
    let mut start = 0;
    while start < chunks.len() {
        let base = chunks[start].ms;
        let end = (start + 1..chunks.len())
            .find(|&i| {
                chunks[i].ms - base >= CLUSTER_MS
                    || (chunks[i].key && chunks[i].ms - base >= CLUSTER_MS / 2)
            })
            .unwrap_or(chunks.len());
        let mut cluster = uint(&[0xE7], base);
        for chunk in &chunks[start..end] {
            let mut block = vec![0x81];
            block.extend(((chunk.ms - base) as i16).to_be_bytes());
            block.push(if chunk.key { 0x80 } else { 0 });
            block.extend_from_slice(&chunk.data);
            cluster.extend(element(&[0xA3], &block));
        }
        body.extend(element(&[0x1F, 0x43, 0xB6, 0x75], &cluster));
        start = end;
    }
    [header, element(&[0x18, 0x53, 0x80, 0x67], &body)].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads an EBML size at `at`: its value and length.
    fn read_size(b: &[u8], at: usize) -> (usize, usize) {
        let length = b[at].leading_zeros() as usize + 1;
        let mut value = u64::from(b[at]) & ((1 << (8 - length)) - 1);
        for i in 1..length {
            value = value << 8 | u64::from(b[at + i]);
        }
        (value as usize, length)
    }

    /// The elements of `b`, as (id, body) pairs; ids are 1–4 bytes, their length in their first.
    fn children(b: &[u8]) -> Vec<(Vec<u8>, &[u8])> {
        let mut out = Vec::new();
        let mut at = 0;
        while at < b.len() {
            let id_length = b[at].leading_zeros() as usize + 1;
            let id = b[at..at + id_length].to_vec();
            let (length, size_length) = read_size(b, at + id_length);
            let start = at + id_length + size_length;
            out.push((id, &b[start..start + length]));
            at = start + length;
        }
        out
    }

    fn find<'a>(elements: &[(Vec<u8>, &'a [u8])], id: &[u8]) -> Vec<&'a [u8]> {
        elements.iter().filter(|e| e.0 == id).map(|e| e.1).collect()
    }

    #[test]
    fn sizes_are_variable_length_integers() {
        assert_eq!(size(0), vec![0x80]);
        assert_eq!(size(126), vec![0xFE]);
        assert_eq!(size(127), vec![0x40, 0x7F]);
        assert_eq!(size(1000), vec![0x43, 0xE8]);
        for n in [0, 5, 126, 127, 200, 16_382, 16_383, 70_000, 3_000_000] {
            assert_eq!(read_size(&size(n), 0), (n, size(n).len()), "{n}");
        }
    }

    #[test]
    fn blocks_read_back_with_their_times_in_clusters() {
        let chunks: Vec<Chunk> = (0..40u64)
            .map(|i| Chunk {
                data: vec![i as u8; 300 + i as usize],
                ms: i * 2_000,
                key: i % 5 == 0,
            })
            .collect();
        let file = webm(&chunks, (1280, 720), 82_000);
        let top = children(&file);
        assert_eq!(top.len(), 2);
        let header = children(find(&top, &[0x1A, 0x45, 0xDF, 0xA3])[0]);
        assert_eq!(find(&header, &[0x42, 0x82]), vec![&b"webm"[..]]);
        let segment = children(find(&top, &[0x18, 0x53, 0x80, 0x67])[0]);
        let info = children(find(&segment, &[0x15, 0x49, 0xA9, 0x66])[0]);
        let duration = find(&info, &[0x44, 0x89])[0];
        assert_eq!(f64::from_be_bytes(duration.try_into().unwrap()), 82_000.0);
        let track = children(children(find(&segment, &[0x16, 0x54, 0xAE, 0x6B])[0])[0].1);
        assert_eq!(find(&track, &[0x86]), vec![&b"V_VP8"[..]]);
        let video = children(find(&track, &[0xE0])[0]);
        assert_eq!(find(&video, &[0xB0]), vec![&[0x05, 0x00][..]]);
        assert_eq!(find(&video, &[0xBA]), vec![&[0x02, 0xD0][..]]);

        let clusters = find(&segment, &[0x1F, 0x43, 0xB6, 0x75]);
        assert!(clusters.len() > 1, "80 s of film is more than one cluster");
        let mut read = Vec::new();
        for cluster in clusters {
            let cluster = children(cluster);
            let base = find(&cluster, &[0xE7])[0]
                .iter()
                .fold(0u64, |v, &b| v << 8 | u64::from(b));
            let blocks = find(&cluster, &[0xA3]);
            assert!(blocks[0][3] & 0x80 != 0, "a cluster starts at a key frame");
            for block in blocks {
                assert_eq!(block[0], 0x81, "track 1");
                let offset = i16::from_be_bytes([block[1], block[2]]);
                assert!(offset >= 0);
                read.push((
                    base + offset as u64,
                    block[3] & 0x80 != 0,
                    block[4..].to_vec(),
                ));
            }
        }
        let written: Vec<(u64, bool, Vec<u8>)> = chunks
            .iter()
            .map(|c| (c.ms, c.key, c.data.clone()))
            .collect();
        assert_eq!(read, written);
    }
}
