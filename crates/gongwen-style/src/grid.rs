//! The line and character grid (GB/T 9704 §5.2.2: 22 lines of 28 characters) drives the
//! pitches both renderers lay out with: the line pitch is the text height over
//! `lines_per_page`, the character advance the text width over `chars_per_line`, each
//! rounded down to a twip (1/20 pt, the unit Word stores) so that the grid surely fits.
//! For the default A4 page that gives 28.95 pt and 15.75 pt (16 pt − 0.25 pt).
//!
//! A profile file that sets a pitch (`line_pitch_pt`, `char_spacing_pt`) without its grid
//! key gets the grid key derived from the pitch instead; one that sets both must make them
//! agree (checked by [`StyleProfile::validate`]).

use crate::{PT_PER_MM, StyleError, StyleProfile};

/// Rounds `pt` down to a whole twip.
fn floor_twip(pt: f32) -> f32 {
    // A millionth of slack: 637.8 pt / 22 is 28.99 pt whatever the float error.
    ((pt * 20.0) + 1e-4).floor() / 20.0
}

impl StyleProfile {
    /// Sets `page.line_pitch_pt` and `page.char_spacing_pt` from `page.lines_per_page`,
    /// `page.chars_per_line`, the text block and the body size: what a profile built in
    /// code calls after changing the grid, the page or the body size.
    pub fn fit_grid(&mut self) -> Result<(), StyleError> {
        self.fit_lines()?;
        self.fit_chars()
    }

    /// `page.line_pitch_pt` from `page.lines_per_page`; lines closer than the body size
    /// would overlap.
    fn fit_lines(&mut self) -> Result<(), StyleError> {
        let p = &self.page;
        let height = p.text_height_mm() * PT_PER_MM;
        let pitch = floor_twip(height / p.lines_per_page.max(1) as f32);
        if p.lines_per_page == 0 || !(pitch.is_finite() && pitch >= self.body.size_pt) {
            return Err(StyleError::Invalid {
                key: "page.lines_per_page".into(),
                message: format!(
                    "{} lines in {height:.1} pt are closer than the {} pt body size",
                    p.lines_per_page, self.body.size_pt
                ),
            });
        }
        self.page.line_pitch_pt = pitch;
        Ok(())
    }

    /// `page.char_spacing_pt` from `page.chars_per_line`; characters advancing less than
    /// half their size would overlap.
    fn fit_chars(&mut self) -> Result<(), StyleError> {
        let p = &self.page;
        let width = p.text_width_mm() * PT_PER_MM;
        let advance = width / p.chars_per_line.max(1) as f32;
        let size = self.body.size_pt;
        if p.chars_per_line == 0 || !(advance.is_finite() && advance >= size / 2.0) {
            return Err(StyleError::Invalid {
                key: "page.chars_per_line".into(),
                message: format!(
                    "{} characters in {width:.1} pt overlap at a {size} pt body size",
                    p.chars_per_line
                ),
            });
        }
        self.page.char_spacing_pt = floor_twip(advance - size);
        Ok(())
    }

    /// After a profile file is read: each axis of the grid follows from the key the file
    /// gives — the pitch from the grid key unless only the pitch is given, then the grid
    /// key from the pitch. `page` is the file's `[page]` table, if any.
    pub(crate) fn settle_grid(&mut self, page: Option<&toml::Table>) -> Result<(), StyleError> {
        let given = |key: &str| page.is_some_and(|p| p.contains_key(key));
        let usable = |v: f32| v.is_finite() && v > 0.0;
        let p = &self.page;
        // A page or body size that cannot be laid out is left for validation to name.
        if ![p.text_width_mm(), p.text_height_mm(), self.body.size_pt].into_iter().all(usable) {
            return Ok(());
        }
        if !given("line_pitch_pt") {
            self.fit_lines()?;
        } else if !given("lines_per_page") && usable(self.page.line_pitch_pt) {
            self.page.lines_per_page = self.grid_lines();
        }
        if !given("char_spacing_pt") {
            self.fit_chars()?;
        } else if !given("chars_per_line")
            && self.page.char_spacing_pt.is_finite()
            && usable(self.body.size_pt + self.page.char_spacing_pt)
        {
            self.page.chars_per_line = self.grid_chars();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::StyleProfile;

    #[test]
    fn the_default_grid_gives_the_default_pitches() {
        let mut fitted = StyleProfile::default();
        fitted.fit_grid().unwrap();
        assert_eq!(fitted, StyleProfile::default());
    }

    #[test]
    fn grid_keys_drive_the_pitches() {
        let p =
            StyleProfile::from_toml("[page]\nlines_per_page = 20\nchars_per_line = 25\n").unwrap();
        assert_eq!(p.page.line_pitch_pt, 31.85, "637.8 pt / 20, down to a twip");
        assert_eq!(p.page.char_spacing_pt, 1.65, "442.2 pt / 25 − 16 pt, down to a twip");
        assert_eq!((p.grid_lines(), p.grid_chars()), (20, 25));
        // A larger body keeps 28 characters a line by closing the spacing up.
        let p = StyleProfile::from_toml("[body]\nsize_pt = 14\n").unwrap();
        assert_eq!((p.page.char_spacing_pt, p.grid_chars()), (1.75, 28));
        // A pitch given alone gives the grid key.
        let p = StyleProfile::from_toml("[page]\nline_pitch_pt = 20\n").unwrap();
        assert_eq!(p.page.lines_per_page, 31);
    }

    #[test]
    fn grids_that_overlap_are_refused_naming_the_key() {
        for (toml, key) in [
            ("[page]\nlines_per_page = 0\n", "page.lines_per_page"),
            ("[page]\nlines_per_page = 50\n", "page.lines_per_page"),
            ("[page]\nchars_per_line = 0\n", "page.chars_per_line"),
            ("[page]\nchars_per_line = 80\n", "page.chars_per_line"),
        ] {
            let err = StyleProfile::from_toml(toml).unwrap_err().to_string();
            assert!(err.contains(&format!("`{key}`")), "{toml:?}: {err}");
        }
    }
}
