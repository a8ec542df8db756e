//! A folder of files as one ZIP archive, stored without compression (SVG slides are small, and
//! every system opens a stored archive), dated 1980-01-01 so that the same files give the same
//! bytes.

/// CRC-32's table (the IEEE polynomial, reflected), made when the program is compiled.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 of `data`, a byte at a time: slides are a few hundred kilobytes, and a crate's faster
/// way (16 KB of tables) would cost more in the download than it saves here.
fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// The archive holding `files` (name, content) in order.
pub fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    // MS-DOS date of 1980-01-01; time 00:00.
    const DATE: u16 = 1 << 5 | 1;
    // The names are UTF-8.
    const FLAGS: u16 = 1 << 11;
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let (size, name_len) = (data.len() as u32, name.len() as u16);
        let common = |v: &mut Vec<u8>| {
            for n in [20u16, FLAGS, 0, 0, DATE] {
                v.extend_from_slice(&n.to_le_bytes());
            }
            for n in [crc, size, size] {
                v.extend_from_slice(&n.to_le_bytes());
            }
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        directory.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes());
        common(&mut directory);
        // No comment; disk 0; no attributes; where the file's header is.
        for n in [0u16, 0, 0] {
            directory.extend_from_slice(&n.to_le_bytes());
        }
        directory.extend_from_slice(&0u32.to_le_bytes());
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let (start, length, count) = (out.len() as u32, directory.len() as u32, files.len() as u16);
    out.extend_from_slice(&directory);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for n in [0u16, 0, count, count] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    out.extend_from_slice(&length.to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u16_at(b: &[u8], i: usize) -> usize {
        usize::from(u16::from_le_bytes([b[i], b[i + 1]]))
    }

    fn u32_at(b: &[u8], i: usize) -> usize {
        u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize
    }

    /// The archive's files, read through its central directory as an unzipper does.
    fn unzip(b: &[u8]) -> Vec<(String, Vec<u8>)> {
        let end = b.len() - 22;
        assert_eq!(u32_at(b, end), 0x0605_4b50);
        let (count, mut at) = (u16_at(b, end + 10), u32_at(b, end + 16));
        (0..count)
            .map(|_| {
                assert_eq!(u32_at(b, at), 0x0201_4b50);
                let (crc, size, name_len) =
                    (u32_at(b, at + 16), u32_at(b, at + 24), u16_at(b, at + 28));
                let local = u32_at(b, at + 42);
                let name = String::from_utf8(b[at + 46..at + 46 + name_len].to_vec()).unwrap();
                at += 46 + name_len;
                assert_eq!(u32_at(b, local), 0x0403_4b50);
                let data_at = local + 30 + u16_at(b, local + 26) + u16_at(b, local + 28);
                let data = b[data_at..data_at + size].to_vec();
                assert_eq!(crc32(&data) as usize, crc);
                (name, data)
            })
            .collect()
    }

    #[test]
    fn the_checksum_is_crc_32() {
        // The standard check value, the empty input, and the pangram's well-known checksum.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414F_A339
        );
    }

    #[test]
    fn files_read_back_through_the_directory() {
        let files = vec![
            ("slides/01 inputs.svg".to_string(), b"<svg/>".to_vec()),
            ("slides/02 ∂f∂c.svg".to_string(), vec![7; 1000]),
            ("empty".to_string(), Vec::new()),
        ];
        let archive = zip(&files);
        assert_eq!(unzip(&archive), files);
        assert_eq!(archive, zip(&files));
    }
}
