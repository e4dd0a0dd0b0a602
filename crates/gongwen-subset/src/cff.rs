//! The fast path: a CID-keyed CFF without subroutines, subset by copying the kept
//! charstrings byte for byte and rebuilding the INDEXes and DICTs around them
//! (Adobe Technical Note #5176).
//!
//! New glyph i is CID i, so the ROS becomes Adobe-Identity-0, as the PDF's Identity-H
//! encoding says; claiming Adobe-GB1 for renumbered CIDs would mislead any reader that maps
//! CIDs through the collection. The String INDEX is copied with the two strings appended
//! where missing, so every other SID stays valid.

use crate::SubsetError;

// DICT operators, escaped ones (12 x) as 1200 + x.
const CHARSET: u16 = 15;
const ENCODING: u16 = 16;
const CHARSTRINGS: u16 = 17;
const PRIVATE: u16 = 18;
const SUBRS: u16 = 19;
const UNIQUE_ID: u16 = 13;
const XUID: u16 = 14;
const CHARSTRING_TYPE: u16 = 1206;
const SYNTHETIC_BASE: u16 = 1220;
const ROS: u16 = 1230;
const CID_COUNT: u16 = 1234;
const UID_BASE: u16 = 1235;
const FD_ARRAY: u16 = 1236;
const FD_SELECT: u16 = 1237;

/// A number written as a 5-byte integer (operator 29), so that a DICT's size is known
/// before the offsets it holds.
const FIXED_INT_LEN: usize = 5;

fn malformed(what: &'static str) -> SubsetError {
    SubsetError::Malformed(what)
}

fn byte(data: &[u8], pos: usize, what: &'static str) -> Result<u8, SubsetError> {
    data.get(pos).copied().ok_or(malformed(what))
}

fn uint(data: &[u8], pos: usize, size: usize, what: &'static str) -> Result<u32, SubsetError> {
    let bytes = pos.checked_add(size).and_then(|end| data.get(pos..end)).ok_or(malformed(what))?;
    Ok(bytes.iter().fold(0, |n, &b| n << 8 | u32::from(b)))
}

/// An INDEX inside the CFF data: a count, offsets, then the objects.
struct Index<'a> {
    cff: &'a [u8],
    start: usize,
    count: usize,
    off_size: usize,
    /// Where the offsets start.
    offsets: usize,
    /// The position that offset 1 points to.
    objects: usize,
    /// One past the last byte of the INDEX.
    end: usize,
}

impl<'a> Index<'a> {
    fn parse(cff: &'a [u8], start: usize, what: &'static str) -> Result<Self, SubsetError> {
        let count = uint(cff, start, 2, what)? as usize;
        if count == 0 {
            let end = start + 2;
            return Ok(Index { cff, start, count, off_size: 1, offsets: end, objects: end, end });
        }
        let off_size = usize::from(byte(cff, start + 2, what)?);
        if !(1..=4).contains(&off_size) {
            return Err(malformed(what));
        }
        let offsets = start + 3;
        let objects = offsets + (count + 1) * off_size;
        let mut index = Index { cff, start, count, off_size, offsets, objects, end: objects };
        index.end = objects
            .checked_add(index.offset(count, what)?)
            .filter(|&end| end <= cff.len())
            .ok_or(malformed(what))?;
        Ok(index)
    }

    /// Offset `i` counted from the first object (the stored offsets count from 1).
    fn offset(&self, i: usize, what: &'static str) -> Result<usize, SubsetError> {
        let stored = uint(self.cff, self.offsets + i * self.off_size, self.off_size, what)?;
        (stored as usize).checked_sub(1).ok_or(malformed(what))
    }

    fn get(&self, i: usize, what: &'static str) -> Result<&'a [u8], SubsetError> {
        if i >= self.count {
            return Err(malformed(what));
        }
        let (start, end) = (self.offset(i, what)?, self.offset(i + 1, what)?);
        // Within the INDEX, whose end is checked, so the sums cannot overflow.
        if start > end || end > self.end - self.objects {
            return Err(malformed(what));
        }
        Ok(&self.cff[self.objects + start..self.objects + end])
    }

    /// The whole INDEX as it is stored; it holds no offsets outside itself.
    fn raw(&self) -> &'a [u8] {
        &self.cff[self.start..self.end]
    }
}

/// One DICT entry: the operator, its operand bytes, and the whole entry as stored.
struct Entry<'a> {
    op: u16,
    operands: &'a [u8],
    raw: &'a [u8],
}

/// The entries of a DICT, in order.
fn entries(dict: &[u8]) -> impl Iterator<Item = Result<Entry<'_>, SubsetError>> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= dict.len() {
            return None;
        }
        let start = pos;
        loop {
            let Some(&b0) = dict.get(pos) else {
                return Some(Err(malformed("a DICT ends inside an operand")));
            };
            pos += match b0 {
                0..=21 => {
                    let operands = &dict[start..pos];
                    let (op, len) = match (b0, dict.get(pos + 1)) {
                        (12, Some(&b1)) => (1200 + u16::from(b1), 2),
                        (12, None) => {
                            return Some(Err(malformed("a DICT ends inside an operator")));
                        }
                        _ => (u16::from(b0), 1),
                    };
                    pos += len;
                    return Some(Ok(Entry { op, operands, raw: &dict[start..pos] }));
                }
                28 => 3,
                29 => 5,
                30 => match dict[pos + 1..].iter().position(|b| b & 0x0f == 0x0f || b >> 4 == 0x0f)
                {
                    Some(i) => i + 2,
                    None => return Some(Err(malformed("a DICT ends inside a real number"))),
                },
                32..=246 => 1,
                247..=254 => 2,
                _ => return Some(Err(malformed("a DICT holds a reserved byte"))),
            };
        }
    })
}

/// Exactly `N` integer operands.
fn ints<const N: usize>(operands: &[u8], what: &'static str) -> Result<[i32; N], SubsetError> {
    let mut out = [0; N];
    let mut pos = 0;
    for slot in &mut out {
        let b0 = byte(operands, pos, what)?;
        let (value, len) = match b0 {
            28 => (i32::from(uint(operands, pos + 1, 2, what)? as u16 as i16), 3),
            29 => (uint(operands, pos + 1, 4, what)? as i32, 5),
            32..=246 => (i32::from(b0) - 139, 1),
            247..=250 => {
                ((i32::from(b0) - 247) * 256 + i32::from(byte(operands, pos + 1, what)?) + 108, 2)
            }
            251..=254 => {
                (-(i32::from(b0) - 251) * 256 - i32::from(byte(operands, pos + 1, what)?) - 108, 2)
            }
            _ => return Err(malformed(what)),
        };
        *slot = value;
        pos += len;
    }
    if pos == operands.len() { Ok(out) } else { Err(malformed(what)) }
}

/// An offset or size operand: never negative.
fn unsigned(value: i32, what: &'static str) -> Result<usize, SubsetError> {
    usize::try_from(value).map_err(|_| malformed(what))
}

/// Which Font DICT each glyph uses.
enum FdSelect<'a> {
    /// Format 0: one byte per glyph.
    Bytes(&'a [u8]),
    /// Format 3: ranges of (first glyph, FD) and the sentinel glyph count.
    Ranges { ranges: &'a [u8], sentinel: u16 },
}

impl<'a> FdSelect<'a> {
    fn parse(cff: &'a [u8], start: usize, glyph_count: usize) -> Result<Option<Self>, SubsetError> {
        const WHAT: &str = "the FDSelect";
        match byte(cff, start, WHAT)? {
            0 => {
                let bytes = cff.get(start + 1..start + 1 + glyph_count).ok_or(malformed(WHAT))?;
                Ok(Some(FdSelect::Bytes(bytes)))
            }
            3 => {
                let n = uint(cff, start + 1, 2, WHAT)? as usize;
                let ranges = cff.get(start + 3..start + 3 + 3 * n).ok_or(malformed(WHAT))?;
                let sentinel = uint(cff, start + 3 + 3 * n, 2, WHAT)? as u16;
                Ok(Some(FdSelect::Ranges { ranges, sentinel }))
            }
            _ => Ok(None),
        }
    }

    fn fd(&self, glyph: u16) -> Result<u8, SubsetError> {
        const WHAT: &str = "the FDSelect does not cover every glyph";
        match self {
            FdSelect::Bytes(bytes) => bytes.get(usize::from(glyph)).copied().ok_or(malformed(WHAT)),
            FdSelect::Ranges { ranges, sentinel } => {
                if glyph >= *sentinel {
                    return Err(malformed(WHAT));
                }
                let first = |i: usize| u16::from_be_bytes([ranges[3 * i], ranges[3 * i + 1]]);
                // The number of ranges that start at or before the glyph.
                let (mut lo, mut hi) = (0, ranges.len() / 3);
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if first(mid) <= glyph { lo = mid + 1 } else { hi = mid }
                }
                let i = lo.checked_sub(1).ok_or(malformed(WHAT))?;
                Ok(ranges[3 * i + 2])
            }
        }
    }
}

/// A kept Font DICT: its entries other than Private, and its Private DICT without Subrs.
struct FontDict {
    entries: Vec<u8>,
    private: Vec<u8>,
}

/// Reads one Font DICT; `None` when its Private DICT has local subroutines.
fn font_dict(cff: &[u8], dict: &[u8]) -> Result<Option<FontDict>, SubsetError> {
    const WHAT: &str = "a Font DICT's Private entry";
    let mut kept = Vec::with_capacity(dict.len());
    let mut private = None;
    for entry in entries(dict) {
        let entry = entry?;
        if entry.op == PRIVATE {
            let [size, offset] = ints(entry.operands, WHAT)?;
            private = Some((unsigned(offset, WHAT)?, unsigned(size, WHAT)?));
        } else {
            kept.extend_from_slice(entry.raw);
        }
    }
    let (start, size) = private.ok_or(malformed("a Font DICT has no Private DICT"))?;
    let private_dict = cff.get(start..start.saturating_add(size)).ok_or(malformed(WHAT))?;
    let mut private = Vec::with_capacity(private_dict.len());
    for entry in entries(private_dict) {
        let entry = entry?;
        if entry.op == SUBRS {
            const SUBRS_WHAT: &str = "a Private DICT's Subrs";
            let [offset] = ints(entry.operands, SUBRS_WHAT)?;
            let subrs = start.saturating_add(unsigned(offset, SUBRS_WHAT)?);
            if Index::parse(cff, subrs, SUBRS_WHAT)?.count > 0 {
                return Ok(None);
            }
        } else {
            private.extend_from_slice(entry.raw);
        }
    }
    Ok(Some(FontDict { entries: kept, private }))
}

/// The Top DICT's entries to keep, and the offsets the fast path follows.
struct TopDict {
    kept: Vec<u8>,
    charstrings: usize,
    fd_array: usize,
    fd_select: usize,
}

/// Reads the Top DICT; `None` unless it is a CID-keyed font with Type 2 charstrings.
fn top_dict(dict: &[u8]) -> Result<Option<TopDict>, SubsetError> {
    const WHAT: &str = "a Top DICT offset";
    let offset = |entry: &Entry| -> Result<Option<usize>, SubsetError> {
        let [offset] = ints(entry.operands, WHAT)?;
        unsigned(offset, WHAT).map(Some)
    };
    let mut kept = Vec::with_capacity(dict.len());
    let (mut ros, mut charstrings, mut fd_array, mut fd_select) = (false, None, None, None);
    for entry in entries(dict) {
        let entry = entry?;
        match entry.op {
            // Rewritten: the CIDs are renumbered, so they are no longer the collection's.
            ROS => ros = true,
            CHARSTRINGS => charstrings = offset(&entry)?,
            FD_ARRAY => fd_array = offset(&entry)?,
            FD_SELECT => fd_select = offset(&entry)?,
            // Rewritten below, or meaningless in a subset (unique ids name the whole font).
            CID_COUNT | CHARSET | ENCODING | PRIVATE | UNIQUE_ID | XUID | UID_BASE => {}
            CHARSTRING_TYPE if ints(entry.operands, "the CharstringType")? != [2] => {
                return Ok(None);
            }
            SYNTHETIC_BASE => return Ok(None),
            _ => kept.extend_from_slice(entry.raw),
        }
    }
    Ok(match (ros, charstrings, fd_array, fd_select) {
        (true, Some(charstrings), Some(fd_array), Some(fd_select)) => {
            Some(TopDict { kept, charstrings, fd_array, fd_select })
        }
        _ => None,
    })
}

/// The String INDEX with the strings of ROS Adobe-Identity-0 appended where missing, so
/// that every old SID stays valid.
struct Strings<'a> {
    old: Vec<&'a [u8]>,
    added: Vec<&'static [u8]>,
    adobe: usize,
    identity: usize,
}

impl<'a> Strings<'a> {
    /// `None` when the INDEX is full.
    fn new(index: &Index<'a>) -> Result<Option<Self>, SubsetError> {
        let old = (0..index.count)
            .map(|i| index.get(i, "the String INDEX"))
            .collect::<Result<Vec<_>, _>>()?;
        let mut added = Vec::new();
        // SIDs below 391 are the standard strings, which name neither.
        let mut sid = |string: &'static [u8]| match old.iter().position(|&s| s == string) {
            Some(i) => 391 + i,
            None => {
                added.push(string);
                391 + old.len() + added.len() - 1
            }
        };
        let (adobe, identity) = (sid(b"Adobe"), sid(b"Identity"));
        if old.len() + added.len() > usize::from(u16::MAX) {
            return Ok(None);
        }
        Ok(Some(Strings { old, added, adobe, identity }))
    }

    fn all(&self) -> impl Iterator<Item = &[u8]> {
        self.old.iter().chain(&self.added).copied()
    }

    fn data_len(&self) -> usize {
        self.all().map(<[u8]>::len).sum()
    }
}

/// Subsets a `CFF ` table by copying charstrings; `None` when the table is not a
/// CID-keyed font without subroutines (the caller then falls back to `subsetter`).
/// `glyphs` is checked by the caller: not empty, .notdef first, no repeats.
pub(crate) fn subset(cff: &[u8], glyphs: &[u16]) -> Result<Option<Vec<u8>>, SubsetError> {
    const HEADER: &str = "the CFF header";
    if byte(cff, 0, HEADER)? != 1 {
        return Ok(None);
    }
    let names = Index::parse(cff, usize::from(byte(cff, 2, HEADER)?), "the Name INDEX")?;
    let top_dicts = Index::parse(cff, names.end, "the Top DICT INDEX")?;
    let strings = Index::parse(cff, top_dicts.end, "the String INDEX")?;
    let global_subrs = Index::parse(cff, strings.end, "the Global Subr INDEX")?;
    if names.count != 1 || top_dicts.count != 1 || global_subrs.count > 0 {
        return Ok(None);
    }
    let Some(top) = top_dict(top_dicts.get(0, "the Top DICT INDEX")?)? else { return Ok(None) };
    let Some(strings) = Strings::new(&strings)? else { return Ok(None) };
    let charstrings = Index::parse(cff, top.charstrings, "the CharStrings INDEX")?;
    let Some(fd_select) = FdSelect::parse(cff, top.fd_select, charstrings.count)? else {
        return Ok(None);
    };
    let fd_array = Index::parse(cff, top.fd_array, "the FDArray")?;

    let mut kept = Vec::with_capacity(glyphs.len());
    let mut old_fds = Vec::with_capacity(glyphs.len());
    let mut used = [false; 256];
    for &glyph in glyphs {
        if usize::from(glyph) >= charstrings.count {
            return Err(SubsetError::OutOfRange { glyph, count: charstrings.count as u32 });
        }
        kept.push(charstrings.get(usize::from(glyph), "the CharStrings INDEX")?);
        let fd = fd_select.fd(glyph)?;
        used[usize::from(fd)] = true;
        old_fds.push(fd);
    }
    // Kept Font DICTs are renumbered in their old order.
    let mut new_fd = [0u8; 256];
    let mut font_dicts = Vec::new();
    for old in (0..=255u8).filter(|&fd| used[usize::from(fd)]) {
        new_fd[usize::from(old)] = font_dicts.len() as u8;
        let dict =
            fd_array.get(usize::from(old), "the FDArray lacks a Font DICT the FDSelect names")?;
        match font_dict(cff, dict)? {
            Some(dict) => font_dicts.push(dict),
            None => return Ok(None),
        }
    }
    let fds: Vec<u8> = old_fds.iter().map(|&fd| new_fd[usize::from(fd)]).collect();
    write(&names, &strings, &top, &kept, &fds, &font_dicts).map(Some)
}

/// The FDSelect format 3 ranges: (first new glyph, new FD).
fn fd_ranges(fds: &[u8]) -> Vec<(u16, u8)> {
    let mut ranges: Vec<(u16, u8)> = Vec::new();
    for (glyph, &fd) in fds.iter().enumerate() {
        if ranges.last().is_none_or(|&(_, last)| last != fd) {
            ranges.push((glyph as u16, fd));
        }
    }
    ranges
}

/// The smallest offset size that can point one past `data_len` bytes of objects.
fn off_size(data_len: usize) -> usize {
    match data_len + 1 {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        0x1_0000..=0xff_ffff => 3,
        _ => 4,
    }
}

fn index_len(count: usize, data_len: usize) -> usize {
    if count == 0 { 2 } else { 3 + (count + 1) * off_size(data_len) + data_len }
}

/// Writes an INDEX's count, offset size and offsets; the objects follow.
fn index_header(out: &mut Vec<u8>, lens: impl ExactSizeIterator<Item = usize>, data_len: usize) {
    index_header_counted(out, lens.len(), lens, data_len);
}

fn index_header_counted(
    out: &mut Vec<u8>,
    count: usize,
    lens: impl Iterator<Item = usize>,
    data_len: usize,
) {
    out.extend_from_slice(&(count as u16).to_be_bytes());
    let size = off_size(data_len);
    out.push(size as u8);
    let mut offset = 1;
    let mut push =
        |offset: usize| out.extend_from_slice(&(offset as u32).to_be_bytes()[4 - size..]);
    push(offset);
    for len in lens {
        offset += len;
        push(offset);
    }
}

/// Writes `value` as a 5-byte integer operand.
fn fixed_int(out: &mut Vec<u8>, value: usize) {
    out.push(29);
    out.extend_from_slice(&(value as u32).to_be_bytes());
}

/// Writes `value` as a 5-byte integer operand followed by `op`.
fn fixed_entry(out: &mut Vec<u8>, value: usize, op: &[u8]) {
    fixed_int(out, value);
    out.extend_from_slice(op);
}

fn write(
    names: &Index,
    strings: &Strings,
    top: &TopDict,
    charstrings: &[&[u8]],
    fds: &[u8],
    font_dicts: &[FontDict],
) -> Result<Vec<u8>, SubsetError> {
    let n = charstrings.len();
    // ROS, then the kept entries, CIDCount, charset, CharStrings, FDSelect, FDArray.
    let top_len = 3 * FIXED_INT_LEN + 2 + top.kept.len() + 5 * (FIXED_INT_LEN + 1) + 3;
    let strings_count = strings.old.len() + strings.added.len();
    let strings_data = strings.data_len();
    let charset_len = if n > 1 { 5 } else { 1 };
    let ranges = fd_ranges(fds);
    let fd_select_len = 3 + 3 * ranges.len() + 2;
    let charstrings_data: usize = charstrings.iter().map(|c| c.len()).sum();
    // Each Font DICT gains Private [size offset].
    let font_dict_len = |d: &FontDict| d.entries.len() + 2 * FIXED_INT_LEN + 1;
    let font_dicts_data: usize = font_dicts.iter().map(font_dict_len).sum();

    let charset_at =
        4 + names.raw().len() + index_len(1, top_len) + index_len(strings_count, strings_data) + 2;
    let fd_select_at = charset_at + charset_len;
    let charstrings_at = fd_select_at + fd_select_len;
    let fd_array_at = charstrings_at + index_len(n, charstrings_data);
    let mut private_at = fd_array_at + index_len(font_dicts.len(), font_dicts_data);
    let total = private_at + font_dicts.iter().map(|d| d.private.len()).sum::<usize>();
    if i32::try_from(total).is_err() {
        return Err(SubsetError::Malformed("the subset would not fit in 2 GB"));
    }

    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(&[1, 0, 4, 4]);
    out.extend_from_slice(names.raw());
    index_header(&mut out, std::iter::once(top_len), top_len);
    fixed_int(&mut out, strings.adobe);
    fixed_int(&mut out, strings.identity);
    fixed_entry(&mut out, 0, &[12, 30]);
    out.extend_from_slice(&top.kept);
    fixed_entry(&mut out, n, &[12, 34]);
    fixed_entry(&mut out, charset_at, &[15]);
    fixed_entry(&mut out, charstrings_at, &[17]);
    fixed_entry(&mut out, fd_select_at, &[12, 37]);
    fixed_entry(&mut out, fd_array_at, &[12, 36]);
    index_header_counted(&mut out, strings_count, strings.all().map(<[u8]>::len), strings_data);
    strings.all().for_each(|string| out.extend_from_slice(string));
    out.extend_from_slice(&[0, 0]);
    // Charset format 2, one range: glyph i is CID i.
    if n > 1 {
        out.push(2);
        out.extend_from_slice(&1u16.to_be_bytes());
        out.extend_from_slice(&((n - 2) as u16).to_be_bytes());
    } else {
        out.push(0);
    }
    out.push(3);
    out.extend_from_slice(&(ranges.len() as u16).to_be_bytes());
    for (first, fd) in ranges {
        out.extend_from_slice(&first.to_be_bytes());
        out.push(fd);
    }
    out.extend_from_slice(&(n as u16).to_be_bytes());
    index_header(&mut out, charstrings.iter().map(|c| c.len()), charstrings_data);
    for charstring in charstrings {
        out.extend_from_slice(charstring);
    }
    index_header(&mut out, font_dicts.iter().map(font_dict_len), font_dicts_data);
    for dict in font_dicts {
        out.extend_from_slice(&dict.entries);
        fixed_int(&mut out, dict.private.len());
        fixed_entry(&mut out, private_at, &[18]);
        private_at += dict.private.len();
    }
    for dict in font_dicts {
        out.extend_from_slice(&dict.private);
    }
    debug_assert_eq!(out.len(), total);
    Ok(out)
}
