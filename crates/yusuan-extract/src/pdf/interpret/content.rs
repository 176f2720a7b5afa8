//! The content-stream interpreter: text and graphics state → positioned glyphs and ruling lines.
//!
//! [`Interpreter`] runs a page's content (and the Form XObjects it paints, to a bounded depth)
//! with the operators that place text (`BT`/`ET`, `Tf`, `Tm`, `Td`, `TD`, `T*`, `TL`, `Tc`,
//! `Tw`, `Tz`, `Ts`, `Tj`, `TJ`, `'`, `"`) and draw paths (`cm`, `q`/`Q`, `m`, `l`, `re`,
//! `h`, `S`, `f` …), and writes to a [`Device`]:
//! - [`Glyph`]s with their box in the page frame (see [`super::geom`]) and the text the font
//!   decodes them to (glyphs that cannot be decoded are only counted, in the [`PageReport`]);
//! - ruling lines ([`Rule`]): straight axis-aligned stroked segments and thin filled
//!   rectangles, white ones left out;
//! - images, counted (a page of images and no text is a scan).
//!
//! [`PageContent`] is the device the reader uses: it keeps all of them. The interpreter is
//! generic over the device, so the calls are static and inlined.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::geom::{Matrix, Rect};
use crate::pdf::fonts::font::{Code, Font, FontCache};
use crate::pdf::fonts::unify::unify_char;
use crate::pdf::objects::ctx::{Ctx, StreamError};
use crate::pdf::syntax::lexer::{Lexer, Operand};

/// One painted glyph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    /// The decoded text (usually one character).
    pub text: String,
    /// Its box in the page frame.
    pub bbox: Rect,
    /// Font size in the page frame (the em, after all transforms).
    pub size: f32,
    /// Writing direction in the page frame: 0 left→right, 1 top→bottom, 2 right→left (upside
    /// down), 3 bottom→top.
    pub dir: u8,
    /// Index of its font in [`PageReport::fonts`].
    pub font: u16,
}

/// A ruling line: horizontal (`y0 == y1`) or vertical (`x0 == x1`), in the page frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    /// Start x.
    pub x0: f32,
    /// Start y.
    pub y0: f32,
    /// End x (≥ x0).
    pub x1: f32,
    /// End y (≥ y0).
    pub y1: f32,
}

impl Rule {
    /// Whether the rule is horizontal.
    pub(crate) fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

/// What the interpreter paints onto.
pub(crate) trait Device {
    /// A glyph whose text could be decoded, visible inside the clip.
    fn glyph(&mut self, glyph: Glyph);
    /// A ruling-line candidate, already cut to the clip.
    fn rule(&mut self, rule: Rule);
    /// An image (an image XObject or an inline image).
    fn image(&mut self);
}

/// What one page's content painted: the device the reader uses.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    /// Glyphs whose text could be decoded.
    pub glyphs: Vec<Glyph>,
    /// Ruling-line candidates.
    pub rules: Vec<Rule>,
    /// Images painted.
    pub images: usize,
}

impl Device for PageContent {
    #[inline]
    fn glyph(&mut self, glyph: Glyph) {
        self.glyphs.push(glyph);
    }

    #[inline]
    fn rule(&mut self, rule: Rule) {
        self.rules.push(rule);
    }

    #[inline]
    fn image(&mut self) {
        self.images += 1;
    }
}

/// What running one page's content met, besides what it painted.
#[derive(Debug, Default)]
pub(crate) struct PageReport {
    /// Glyphs shown in total (decodable or not, whitespace excluded).
    pub shown: usize,
    /// Fonts used: name, glyphs that could not be decoded, glyphs shown.
    pub fonts: Vec<FontUse>,
    /// Problems met (already phrased for a warning, without the page number).
    pub problems: Vec<String>,
    /// A limit a stream of the page (a Form XObject's) went past: the page cannot be read
    /// within the limits, and the document is refused with this message.
    pub limit: Option<String>,
}

/// How one font fared on a page.
#[derive(Debug, Clone, Default)]
pub(crate) struct FontUse {
    /// The font's name.
    pub name: String,
    /// Glyphs whose text could not be decoded.
    pub undecodable: usize,
    /// Glyphs shown (whitespace excluded).
    pub shown: usize,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Arc<Font>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    line_width: f32,
    fill_white: bool,
    stroke_white: bool,
    /// The clipping region's bounding box in the page frame.
    clip: Rect,
}

impl GState {
    fn new(ctm: Matrix, clip: Rect) -> Self {
        GState {
            ctm,
            font: None,
            font_size: 1.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            line_width: 1.0,
            fill_white: false,
            stroke_white: false,
            clip,
        }
    }
}

/// A subpath: points in the page frame, and whether each edge after the first point is straight.
#[derive(Default)]
struct SubPath {
    pts: Vec<(f32, f32)>,
    straight: Vec<bool>,
    closed: bool,
}

/// Hard ceiling on operators interpreted per page (forms painted many times, hostile files).
const MAX_OPS_PER_PAGE: usize = 5_000_000;
/// Hard ceiling on the graphics-state stack.
const MAX_STACK: usize = 256;
/// Thickest filled rectangle taken as a ruling line, in points.
const MAX_RULE_THICKNESS: f32 = 2.5;

impl SubPath {
    /// A subpath of one point.
    fn starting_at(p: (f32, f32)) -> Self {
        SubPath {
            pts: vec![p],
            straight: Vec::new(),
            closed: false,
        }
    }
}

/// The state of one content stream being run: the graphics state and its saved copies, the
/// text matrices, the path being built.
struct RunState {
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<SubPath>,
    /// `W` or `W*` came: the path clips when it is painted.
    pending_clip: bool,
    in_text: bool,
}

impl RunState {
    fn new(gs: GState) -> Self {
        RunState {
            gs,
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
            pending_clip: false,
            in_text: false,
        }
    }

    /// `q` (a stack deeper than [`MAX_STACK`] is not pushed).
    fn save(&mut self) {
        if self.stack.len() < MAX_STACK {
            self.stack.push(self.gs.clone());
        }
    }

    /// `Q`.
    fn restore(&mut self) {
        if let Some(s) = self.stack.pop() {
            self.gs = s;
        }
    }

    /// `cm`.
    fn concat(&mut self, ops: &[Operand]) {
        if let Some(v) = last_nums::<6>(ops) {
            let m = Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]);
            let next = m.then(&self.gs.ctm);
            if next.is_finite() {
                self.gs.ctm = next;
            }
        }
    }

    /// `m`: a new subpath.
    fn move_to(&mut self, ops: &[Operand]) {
        if let Some([x, y]) = last_nums::<2>(ops) {
            self.path
                .push(SubPath::starting_at(self.gs.ctm.apply(x, y)));
        }
    }

    /// `l`: a straight edge (a new subpath after a closed one).
    fn line_to(&mut self, ops: &[Operand]) {
        if let Some([x, y]) = last_nums::<2>(ops) {
            let p = self.gs.ctm.apply(x, y);
            match self.path.last_mut() {
                Some(sp) if !sp.closed => {
                    sp.pts.push(p);
                    sp.straight.push(true);
                }
                _ => self.path.push(SubPath::starting_at(p)),
            }
        }
    }

    /// `c`, `v`, `y`: a curved edge to `end` (user space).
    fn curve_to(&mut self, end: Option<(f32, f32)>) {
        if let Some((x, y)) = end {
            let p = self.gs.ctm.apply(x, y);
            if let Some(sp) = self.path.last_mut() {
                sp.pts.push(p);
                sp.straight.push(false);
            }
        }
    }

    /// `h`.
    fn close_path(&mut self) {
        if let Some(sp) = self.path.last_mut() {
            sp.closed = true;
        }
    }

    /// `re`: a closed subpath of four straight edges.
    fn rectangle(&mut self, ops: &[Operand]) {
        if let Some([x, y, w, h]) = last_nums::<4>(ops) {
            let m = &self.gs.ctm;
            self.path.push(SubPath {
                pts: vec![
                    m.apply(x, y),
                    m.apply(x + w, y),
                    m.apply(x + w, y + h),
                    m.apply(x, y + h),
                ],
                straight: vec![true; 3],
                closed: true,
            });
        }
    }

    /// The clip narrowed to the box around the path's points.
    fn clip_to_path(&mut self) {
        let pts: Vec<(f32, f32)> = self
            .path
            .iter()
            .flat_map(|sp| sp.pts.iter().copied())
            .collect();
        let r = Rect::around(&pts);
        if !pts.is_empty() && r.is_finite() {
            self.gs.clip = intersect(&self.gs.clip, &r);
        }
        self.pending_clip = false;
    }

    /// `BT`.
    fn begin_text(&mut self) {
        self.in_text = true;
        self.tm = Matrix::IDENTITY;
        self.tlm = Matrix::IDENTITY;
    }

    /// `Td`, or `TD` (`set_leading`), which also sets the leading.
    fn move_text(&mut self, ops: &[Operand], set_leading: bool) {
        if let Some([tx, ty]) = last_nums::<2>(ops) {
            if set_leading {
                self.gs.leading = -ty;
            }
            self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
            self.tm = self.tlm;
        }
    }

    /// `Tm`.
    fn set_text_matrix(&mut self, ops: &[Operand]) {
        if let Some(v) = last_nums::<6>(ops) {
            let m = Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]);
            if m.is_finite() {
                self.tlm = m;
                self.tm = m;
            }
        }
    }

    /// `T*`.
    fn next_line(&mut self) {
        self.tlm = Matrix::translate(0.0, -self.gs.leading).then(&self.tlm);
        self.tm = self.tlm;
    }
}

/// Operand `i` as a number; 0 when it is missing or not a number.
fn num_at(ops: &[Operand], i: usize) -> f32 {
    ops.get(i).and_then(Operand::num).unwrap_or(0.0)
}

/// The last `K` operands as numbers, when there are `K` and all of them are numbers.
fn last_nums<const K: usize>(ops: &[Operand]) -> Option<[f32; K]> {
    let tail = ops.get(ops.len().checked_sub(K)?..)?;
    let mut v = [0.0; K];
    for (slot, o) in v.iter_mut().zip(tail) {
        *slot = o.num()?;
    }
    Some(v)
}

/// Whether a colour's numeric operands (gray, RGB or other) are all near white.
fn white(ops: &[Operand]) -> bool {
    let mut nums = ops.iter().filter_map(Operand::num).peekable();
    nums.peek().is_some() && nums.all(|v| v >= 0.97)
}

/// Whether a CMYK colour's operands are four numbers all near zero (white).
fn cmyk_white(ops: &[Operand]) -> bool {
    let nums = || ops.iter().filter_map(Operand::num);
    nums().count() == 4 && nums().all(|x| x <= 0.03)
}

/// Runs content streams of one page, painting onto the device `D`.
pub(crate) struct Interpreter<'c, 'a, D: Device> {
    ctx: &'c Ctx<'a>,
    fonts: &'c mut FontCache,
    max_depth: usize,
    device: D,
    report: PageReport,
    ops: usize,
    form_stack: Vec<ObjectId>,
    codes: Vec<Code>,
    /// Fonts looked up by resource dictionary address, then by name, for this page.
    font_lookup: HashMap<usize, HashMap<Vec<u8>, Option<Arc<Font>>>>,
    /// Index in `report.fonts` by font address.
    font_index: HashMap<usize, u16>,
}

impl<'c, 'a, D: Device> Interpreter<'c, 'a, D> {
    /// An interpreter that paints onto `device`, parses fonts into `fonts` and nests forms at
    /// most `max_depth` deep.
    pub(crate) fn new(
        ctx: &'c Ctx<'a>,
        fonts: &'c mut FontCache,
        max_depth: usize,
        device: D,
    ) -> Self {
        Interpreter {
            ctx,
            fonts,
            max_depth,
            device,
            report: PageReport::default(),
            ops: 0,
            form_stack: Vec::new(),
            codes: Vec::new(),
            font_lookup: HashMap::new(),
            font_index: HashMap::new(),
        }
    }

    /// Interpret a page's content with its resources; `ctm` maps user space to the page frame,
    /// whose visible part is `page` (glyphs and rules outside it are dropped). Gives back the
    /// device and the report.
    pub(crate) fn run_page(
        mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        ctm: Matrix,
        page: Rect,
    ) -> (D, PageReport) {
        self.run(content, resources, GState::new(ctm, page), 0);
        (self.device, self.report)
    }

    fn problem(&mut self, msg: String) {
        if self.report.problems.len() < 20 && !self.report.problems.contains(&msg) {
            self.report.problems.push(msg);
        }
    }

    fn run(&mut self, content: &[u8], resources: Option<&Dictionary>, gs: GState, depth: usize) {
        let mut lx = Lexer::new(content, 32);
        let mut ops: Vec<Operand> = Vec::new();
        let mut st = RunState::new(gs);
        while let Some(op) = lx.next_op(&mut ops) {
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE {
                self.problem(format!(
                    "stopped after {MAX_OPS_PER_PAGE} drawing operators"
                ));
                return;
            }
            self.operator(&mut st, op, &ops, resources, depth);
        }
    }

    /// One operator with its operands: each family has its handler (graphics state, path
    /// construction and painting, text state and positioning, text showing, XObjects).
    fn operator(
        &mut self,
        st: &mut RunState,
        op: &[u8],
        ops: &[Operand],
        resources: Option<&Dictionary>,
        depth: usize,
    ) {
        match op {
            // Graphics state.
            b"q" => st.save(),
            b"Q" => st.restore(),
            b"cm" => st.concat(ops),
            b"w" => st.gs.line_width = num_at(ops, 0),
            b"g" | b"rg" | b"sc" | b"scn" => st.gs.fill_white = white(ops),
            b"k" => st.gs.fill_white = cmyk_white(ops),
            b"G" | b"RG" | b"SC" | b"SCN" => st.gs.stroke_white = white(ops),
            b"K" => st.gs.stroke_white = cmyk_white(ops),
            b"cs" => st.gs.fill_white = false,
            b"CS" => st.gs.stroke_white = false,
            // Path construction and painting.
            b"m" => st.move_to(ops),
            b"l" => st.line_to(ops),
            b"c" => st.curve_to(last_nums::<6>(ops).map(|v| (v[4], v[5]))),
            b"v" | b"y" => st.curve_to(last_nums::<4>(ops).map(|v| (v[2], v[3]))),
            b"h" => st.close_path(),
            b"re" => st.rectangle(ops),
            b"W" | b"W*" => st.pending_clip = true,
            b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                self.paint_path(st, op)
            }
            // Text state and positioning.
            b"BT" => st.begin_text(),
            b"ET" => st.in_text = false,
            b"Tc" => st.gs.char_spacing = num_at(ops, 0),
            b"Tw" => st.gs.word_spacing = num_at(ops, 0),
            b"Tz" => st.gs.hscale = num_at(ops, 0) / 100.0,
            b"TL" => st.gs.leading = num_at(ops, 0),
            b"Ts" => st.gs.rise = num_at(ops, 0),
            b"Tf" => self.set_font(st, ops, resources),
            b"Td" => st.move_text(ops, false),
            b"TD" => st.move_text(ops, true),
            b"Tm" => st.set_text_matrix(ops),
            b"T*" => st.next_line(),
            // Text showing.
            b"Tj" | b"'" | b"\"" => self.show_string(st, op, ops),
            b"TJ" => self.show_array(st, ops),
            // XObjects and inline images.
            b"Do" => {
                if let Some(Operand::Name(name)) = ops.first() {
                    self.paint_xobject(resources, name, &st.gs, depth);
                }
            }
            b"BI" => self.device.image(),
            _ => {}
        }
    }

    /// `S`, `f`, `B`, `n` and their kin: paint the path (strokes and fills become rules), clip
    /// to it when `W` came before, and start a new one.
    fn paint_path(&mut self, st: &mut RunState, op: &[u8]) {
        if matches!(op, b"s" | b"b" | b"b*") {
            st.close_path();
        }
        let fills = matches!(op, b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*");
        let strokes = matches!(op, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
        if fills && !st.gs.fill_white {
            self.fill(&st.path, &st.gs.clip);
        }
        if strokes && !st.gs.stroke_white {
            self.stroke(&st.path, &st.gs.clip);
        }
        if st.pending_clip {
            st.clip_to_path();
        }
        st.path.clear();
    }

    /// `Tf`: the font (looked up in the resources) and its size.
    fn set_font(&mut self, st: &mut RunState, ops: &[Operand], resources: Option<&Dictionary>) {
        if let (Some(Operand::Name(name)), Some(size)) =
            (ops.first(), ops.get(1).and_then(Operand::num))
        {
            st.gs.font = self.font(resources, name);
            st.gs.font_size = size;
        }
    }

    /// `Tj`, `'` and `"`: show one string (the last two on the next line).
    fn show_string(&mut self, st: &mut RunState, op: &[u8], ops: &[Operand]) {
        if op != b"Tj" {
            if op == b"\"" && ops.len() >= 3 {
                st.gs.word_spacing = num_at(ops, 0);
                st.gs.char_spacing = num_at(ops, 1);
            }
            st.next_line();
        }
        if let Some(Operand::Str(s)) = ops.last() {
            self.show(&st.gs, &mut st.tm, s, st.in_text);
        }
    }

    /// `TJ`: strings shown in turn, numbers moving the text position back (in thousandths of
    /// the font size).
    fn show_array(&mut self, st: &mut RunState, ops: &[Operand]) {
        let Some(Operand::Array(items)) = ops.last() else {
            return;
        };
        for it in items {
            match it {
                Operand::Str(s) => self.show(&st.gs, &mut st.tm, s, st.in_text),
                Operand::Num(adj) => {
                    let gs = &st.gs;
                    let d = -adj / 1000.0 * gs.font_size;
                    let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                    let t = if vertical {
                        Matrix::translate(0.0, d)
                    } else {
                        Matrix::translate(d * gs.hscale, 0.0)
                    };
                    st.tm = t.then(&st.tm);
                }
                _ => {}
            }
        }
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Arc<Font>> {
        let res = resources?;
        let addr = res as *const Dictionary as usize;
        if let Some(f) = self.font_lookup.get(&addr).and_then(|m| m.get(name)) {
            return f.clone();
        }
        let ctx = self.ctx;
        let found = ctx
            .get_dict(res, b"Font")
            .and_then(|fonts| fonts.get(name).ok())
            .and_then(|entry| self.fonts.get(ctx, entry));
        if found.is_none() {
            let n = String::from_utf8_lossy(name).into_owned();
            self.problem(format!("font /{n} is missing from the resources"));
        }
        self.font_lookup
            .entry(addr)
            .or_default()
            .insert(name.to_vec(), found.clone());
        found
    }

    /// Show a string: each code paints its glyph (see [`Self::paint_glyph`]) and moves the text
    /// position.
    fn show(&mut self, gs: &GState, tm: &mut Matrix, bytes: &[u8], in_text: bool) {
        let _ = in_text;
        let fallback;
        let font: &Font = match &gs.font {
            Some(f) => f,
            None => {
                fallback = Font::fallback();
                &fallback
            }
        };
        let mut codes = std::mem::take(&mut self.codes);
        codes.clear();
        font.decode(bytes, &mut codes);
        let fs = gs.font_size;
        let base = Matrix::new(fs * gs.hscale, 0.0, 0.0, fs, 0.0, gs.rise);
        for code in codes.iter_mut() {
            let trm = base.then(tm).then(&gs.ctm);
            self.paint_glyph(font, code, &trm, &gs.clip);
            *tm = advance(gs, font, code).then(tm);
        }
        self.codes = codes;
    }

    /// One code's glyph under the text rendering matrix `trm`: counted and painted when its
    /// text is not blank, its centre inside the clip and its size sensible; its text (taken
    /// from `code`) only when the font decodes it.
    fn paint_glyph(&mut self, font: &Font, code: &mut Code, trm: &Matrix, clip: &Rect) {
        let (bbox, size) = glyph_box(font, code.width, trm);
        let visible_text = code
            .text
            .as_deref()
            .map(|t| !t.chars().all(char::is_whitespace));
        let (cx, cy) = (bbox.cx(), bbox.cy());
        let c = clip;
        let clipped = cx < c.x0 - 1.0 || cx > c.x1 + 1.0 || cy < c.y0 - 1.0 || cy > c.y1 + 1.0;
        if visible_text == Some(false)
            || clipped
            || !bbox.is_finite()
            || !size.is_finite()
            || !(0.5..5000.0).contains(&size)
        {
            return;
        }
        self.report.shown += 1;
        let fi = self.font_use(font);
        let good = code
            .text
            .as_deref()
            .is_some_and(|t| t.chars().all(|c| !bad_char(c)));
        if let Some(u) = self.report.fonts.get_mut(fi as usize) {
            u.shown += 1;
            if !good {
                u.undecodable += 1;
            }
        }
        if let (true, Some(t)) = (good, code.text.take()) {
            self.device.glyph(Glyph {
                text: normalize(t),
                bbox,
                size,
                dir: direction(trm),
                font: fi,
            });
        }
    }

    /// The index of `font` in the report's list of fonts used (added when first met).
    fn font_use(&mut self, font: &Font) -> u16 {
        let next = self.report.fonts.len().min(u16::MAX as usize) as u16;
        let fi = *self
            .font_index
            .entry(font as *const Font as usize)
            .or_insert(next);
        if fi == next && self.report.fonts.len() < u16::MAX as usize {
            self.report.fonts.push(FontUse {
                name: font.name.clone(),
                ..Default::default()
            });
        }
        fi
    }

    fn stroke(&mut self, path: &[SubPath], clip: &Rect) {
        for sp in path {
            let n = sp.pts.len();
            for i in 1..n {
                if sp.straight.get(i - 1).copied().unwrap_or(false) {
                    self.add_rule(sp.pts[i - 1], sp.pts[i], clip);
                }
            }
            if sp.closed && n > 2 {
                self.add_rule(sp.pts[n - 1], sp.pts[0], clip);
            }
        }
    }

    fn add_rule(&mut self, a: (f32, f32), b: (f32, f32), clip: &Rect) {
        let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
        if !(dx.is_finite() && dy.is_finite()) {
            return;
        }
        let rule = if dy <= 0.5 && dx >= 1.0 {
            let y = (a.1 + b.1) / 2.0;
            Rule {
                x0: a.0.min(b.0),
                x1: a.0.max(b.0),
                y0: y,
                y1: y,
            }
        } else if dx <= 0.5 && dy >= 1.0 {
            let x = (a.0 + b.0) / 2.0;
            Rule {
                x0: x,
                x1: x,
                y0: a.1.min(b.1),
                y1: a.1.max(b.1),
            }
        } else {
            return;
        };
        self.push_rule(rule, clip);
    }

    /// Keep the part of a rule inside the clip.
    fn push_rule(&mut self, r: Rule, clip: &Rect) {
        const TOL: f32 = 1.5;
        let (x0, x1) = (r.x0.max(clip.x0 - TOL), r.x1.min(clip.x1 + TOL));
        let (y0, y1) = (r.y0.max(clip.y0 - TOL), r.y1.min(clip.y1 + TOL));
        if x1 < x0 || y1 < y0 || (x1 - x0).max(y1 - y0) < 1.0 {
            return;
        }
        self.device.rule(Rule { x0, x1, y0, y1 });
    }

    fn fill(&mut self, path: &[SubPath], clip: &Rect) {
        for sp in path {
            if sp.pts.len() < 3 || sp.pts.len() > 5 || !sp.straight.iter().all(|&s| s) {
                continue;
            }
            let r = Rect::around(&sp.pts);
            if !r.is_finite() {
                continue;
            }
            // Every point must be a corner of the box (an axis-aligned rectangle).
            let on_corner = sp.pts.iter().all(|&(x, y)| {
                ((x - r.x0).abs() < 0.3 || (x - r.x1).abs() < 0.3)
                    && ((y - r.y0).abs() < 0.3 || (y - r.y1).abs() < 0.3)
            });
            if !on_corner {
                continue;
            }
            let (w, h) = (r.width(), r.height());
            if h <= MAX_RULE_THICKNESS && w > h && w >= 2.0 {
                let y = r.cy();
                self.push_rule(
                    Rule {
                        x0: r.x0,
                        x1: r.x1,
                        y0: y,
                        y1: y,
                    },
                    clip,
                );
            } else if w <= MAX_RULE_THICKNESS && h > w && h >= 2.0 {
                let x = r.cx();
                self.push_rule(
                    Rule {
                        x0: x,
                        x1: x,
                        y0: r.y0,
                        y1: r.y1,
                    },
                    clip,
                );
            }
        }
    }

    fn paint_xobject(
        &mut self,
        resources: Option<&Dictionary>,
        name: &[u8],
        gs: &GState,
        depth: usize,
    ) {
        let ctx = self.ctx;
        let Some(entry) = resources
            .and_then(|r| ctx.get_dict(r, b"XObject"))
            .and_then(|x| x.get(name).ok())
        else {
            return;
        };
        let id = entry.as_reference().ok();
        let Some(Object::Stream(stream)) = ctx.deref(entry) else {
            return;
        };
        match ctx.get_name(&stream.dict, b"Subtype") {
            Some(b"Image") => self.device.image(),
            Some(b"Form") => self.paint_form(stream, id, resources, gs, depth),
            _ => {}
        }
    }

    /// A Form XObject (object `id`, when it is one): its content run in its own frame and
    /// clip, with its resources (or the painter's), at most `max_depth` deep and never inside
    /// itself.
    fn paint_form(
        &mut self,
        stream: &Stream,
        id: Option<ObjectId>,
        resources: Option<&Dictionary>,
        gs: &GState,
        depth: usize,
    ) {
        if depth + 1 > self.max_depth {
            self.problem(format!(
                "forms nested deeper than {} levels were skipped",
                self.max_depth
            ));
            return;
        }
        if let Some(id) = id {
            if self.form_stack.contains(&id) {
                self.problem("a form that paints itself was skipped".into());
                return;
            }
            self.form_stack.push(id);
        }
        let data = self.form_content(stream);
        let ctx = self.ctx;
        let form_res = ctx.get_dict(&stream.dict, b"Resources").or(resources);
        self.run(&data, form_res, form_state(ctx, stream, gs), depth + 1);
        if id.is_some() {
            self.form_stack.pop();
        }
    }

    /// A form's content within the limits: what could be decoded of a damaged one (noted as a
    /// problem); nothing past a limit (noted as the page's limit).
    fn form_content(&mut self, stream: &Stream) -> Vec<u8> {
        match self.ctx.stream_data(stream) {
            Ok(d) => d,
            Err(StreamError::Damaged { partial, message }) => {
                self.problem(format!("a form's content is damaged ({message})"));
                partial
            }
            Err(StreamError::Limit(m)) => {
                self.report.limit.get_or_insert(m);
                Vec::new()
            }
        }
    }
}

/// The graphics state a form's content starts in: the form's `/Matrix` applied, the clip
/// narrowed to its `/BBox`.
fn form_state(ctx: &Ctx<'_>, stream: &Stream, gs: &GState) -> GState {
    let m = ctx
        .get_numbers(&stream.dict, b"Matrix", 6)
        .map(|v| Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]))
        .filter(Matrix::is_finite)
        .unwrap_or(Matrix::IDENTITY);
    let mut inner = gs.clone();
    inner.ctm = m.then(&gs.ctm);
    if let Some(b) = ctx.get_numbers(&stream.dict, b"BBox", 4) {
        let corners = [
            inner.ctm.apply(b[0], b[1]),
            inner.ctm.apply(b[2], b[1]),
            inner.ctm.apply(b[0], b[3]),
            inner.ctm.apply(b[2], b[3]),
        ];
        let r = Rect::around(&corners);
        if r.is_finite() {
            inner.clip = intersect(&inner.clip, &r);
        }
    }
    inner
}

/// A glyph's box in the page frame under the text rendering matrix `trm`, from its advance
/// `w` and the font's ascent and descent, and its size (the em's height in the page frame).
fn glyph_box(font: &Font, w: f32, trm: &Matrix) -> (Rect, f32) {
    let (u0, u1, v0, v1) = if font.vertical {
        (-w / 2.0, w / 2.0, -1.0 + 0.12, 0.12)
    } else {
        (0.0, w.max(0.05), font.descent, font.ascent)
    };
    let corners = [
        trm.apply(u0, v0),
        trm.apply(u1, v0),
        trm.apply(u0, v1),
        trm.apply(u1, v1),
    ];
    let size = (trm.c * trm.c + trm.d * trm.d).sqrt();
    (Rect::around(&corners), size)
}

/// How far the text position moves after `code`: its advance and the character (and word)
/// spacing, as a translation in text space.
fn advance(gs: &GState, font: &Font, code: &Code) -> Matrix {
    let fs = gs.font_size;
    let spacing = gs.char_spacing
        + if code.word_space {
            gs.word_spacing
        } else {
            0.0
        };
    if font.vertical {
        Matrix::translate(0.0, -(fs + spacing))
    } else {
        Matrix::translate((code.width * fs + spacing) * gs.hscale, 0.0)
    }
}

/// The intersection of two rectangles (inverted when they do not meet).
fn intersect(a: &Rect, b: &Rect) -> Rect {
    Rect {
        x0: a.x0.max(b.x0),
        y0: a.y0.max(b.y0),
        x1: a.x1.min(b.x1),
        y1: a.y1.min(b.y1),
    }
}

/// Characters that mean the text was not really decoded: controls, replacement, private use.
fn bad_char(c: char) -> bool {
    let u = c as u32;
    (u < 0x20 && c != '\t')
        || (0x7F..0xA0).contains(&u)
        || c == '\u{FFFD}'
        || (0xE000..=0xF8FF).contains(&u)
}

/// Fold characters that fonts map to lookalike code points back to the usual ones: Kangxi
/// radicals and CJK compatibility ideographs (`⼀` → `一`), non-breaking space, soft hyphen.
fn normalize(t: String) -> String {
    if t.chars().all(|c| (c as u32) < 0x2E80 || is_plain_cjk(c)) {
        return t;
    }
    t.chars().map(unify_char).collect()
}

fn is_plain_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x9FFF)
}

/// The writing direction of a text rendering matrix in the page frame (`y` down).
fn direction(trm: &Matrix) -> u8 {
    let (a, b) = (trm.a, trm.b);
    if a.abs() >= b.abs() {
        if a >= 0.0 {
            0
        } else {
            2
        }
    } else if b > 0.0 {
        1
    } else {
        3
    }
}
