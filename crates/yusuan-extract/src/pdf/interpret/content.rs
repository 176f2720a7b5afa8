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

use lopdf::{Dictionary, Object, ObjectId};

use super::geom::{Matrix, Rect};
use crate::pdf::fonts::font::{Code, Font, FontCache};
use crate::pdf::fonts::unify::unify_char;
use crate::pdf::objects::ctx::{Ctx, StreamError};
use crate::pdf::syntax::lexer::{Lexer, Operand};

/// One painted glyph.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
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
pub struct Rule {
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
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

/// What the interpreter paints onto.
pub trait Device {
    /// A glyph whose text could be decoded, visible inside the clip.
    fn glyph(&mut self, glyph: Glyph);
    /// A ruling-line candidate, already cut to the clip.
    fn rule(&mut self, rule: Rule);
    /// An image (an image XObject or an inline image).
    fn image(&mut self);
}

/// What one page's content painted: the device the reader uses.
#[derive(Debug, Default)]
pub struct PageContent {
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
pub struct PageReport {
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
pub struct FontUse {
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

/// Runs content streams of one page, painting onto the device `D`.
pub struct Interpreter<'c, 'a, D: Device> {
    ctx: &'c Ctx<'a>,
    fonts: &'c mut FontCache,
    max_depth: usize,
    device: D,
    report: PageReport,
    ops: usize,
    form_stack: Vec<ObjectId>,
    codes: Vec<Code>,
    /// Fonts looked up by resource dictionary address and name, for this page.
    font_lookup: HashMap<(usize, Vec<u8>), Option<Arc<Font>>>,
    /// Index in `report.fonts` by font address.
    font_index: HashMap<usize, u16>,
}

fn white(components: &[f32]) -> bool {
    !components.is_empty() && components.iter().all(|&v| v >= 0.97)
}

impl<'c, 'a, D: Device> Interpreter<'c, 'a, D> {
    /// An interpreter that paints onto `device`, parses fonts into `fonts` and nests forms at
    /// most `max_depth` deep.
    pub fn new(ctx: &'c Ctx<'a>, fonts: &'c mut FontCache, max_depth: usize, device: D) -> Self {
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
    pub fn run_page(
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

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        mut gs: GState,
        depth: usize,
    ) {
        let mut lx = Lexer::new(content, 32);
        let mut ops: Vec<Operand> = Vec::new();
        let mut stack: Vec<GState> = Vec::new();
        let mut pending_clip = false;
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut path: Vec<SubPath> = Vec::new();
        let mut in_text = false;

        while let Some(op) = lx.next_op(&mut ops) {
            self.ops += 1;
            if self.ops > MAX_OPS_PER_PAGE {
                self.problem(format!(
                    "stopped after {MAX_OPS_PER_PAGE} drawing operators"
                ));
                return;
            }
            let n = |i: usize| ops.get(i).and_then(Operand::num).unwrap_or(0.0);
            let nums = |k: usize| -> Option<Vec<f32>> {
                if ops.len() < k {
                    return None;
                }
                let v: Vec<f32> = ops[ops.len() - k..]
                    .iter()
                    .filter_map(Operand::num)
                    .collect();
                (v.len() == k).then_some(v)
            };
            match op {
                b"q" if stack.len() < MAX_STACK => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    if let Some(v) = nums(6) {
                        let m = Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]);
                        let next = m.then(&gs.ctm);
                        if next.is_finite() {
                            gs.ctm = next;
                        }
                    }
                }
                b"w" => gs.line_width = n(0),
                b"g" | b"rg" | b"k" | b"sc" | b"scn" => {
                    let v: Vec<f32> = ops.iter().filter_map(Operand::num).collect();
                    gs.fill_white = if op == b"k" {
                        v.len() == 4 && v.iter().all(|&x| x <= 0.03)
                    } else {
                        white(&v)
                    };
                }
                b"G" | b"RG" | b"K" | b"SC" | b"SCN" => {
                    let v: Vec<f32> = ops.iter().filter_map(Operand::num).collect();
                    gs.stroke_white = if op == b"K" {
                        v.len() == 4 && v.iter().all(|&x| x <= 0.03)
                    } else {
                        white(&v)
                    };
                }
                b"cs" => gs.fill_white = false,
                b"CS" => gs.stroke_white = false,
                // Path construction.
                b"m" => {
                    if let Some(v) = nums(2) {
                        let p = gs.ctm.apply(v[0], v[1]);
                        path.push(SubPath {
                            pts: vec![p],
                            straight: Vec::new(),
                            closed: false,
                        });
                    }
                }
                b"l" => {
                    if let Some(v) = nums(2) {
                        let p = gs.ctm.apply(v[0], v[1]);
                        match path.last_mut() {
                            Some(sp) if !sp.closed => {
                                sp.pts.push(p);
                                sp.straight.push(true);
                            }
                            _ => path.push(SubPath {
                                pts: vec![p],
                                straight: Vec::new(),
                                closed: false,
                            }),
                        }
                    }
                }
                b"c" | b"v" | b"y" => {
                    let k = if op == b"c" { 6 } else { 4 };
                    if let Some(v) = nums(k) {
                        let p = gs.ctm.apply(v[k - 2], v[k - 1]);
                        if let Some(sp) = path.last_mut() {
                            sp.pts.push(p);
                            sp.straight.push(false);
                        }
                    }
                }
                b"h" => {
                    if let Some(sp) = path.last_mut() {
                        sp.closed = true;
                    }
                }
                b"re" => {
                    if let Some(v) = nums(4) {
                        let (x, y, w, h) = (v[0], v[1], v[2], v[3]);
                        let pts = vec![
                            gs.ctm.apply(x, y),
                            gs.ctm.apply(x + w, y),
                            gs.ctm.apply(x + w, y + h),
                            gs.ctm.apply(x, y + h),
                        ];
                        path.push(SubPath {
                            pts,
                            straight: vec![true; 3],
                            closed: true,
                        });
                    }
                }
                b"W" | b"W*" => pending_clip = true,
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    let closes = matches!(op, b"s" | b"b" | b"b*");
                    if closes {
                        if let Some(sp) = path.last_mut() {
                            sp.closed = true;
                        }
                    }
                    let fills = matches!(op, b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*");
                    let strokes = matches!(op, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    if fills && !gs.fill_white {
                        self.fill(&path, &gs.clip);
                    }
                    if strokes && !gs.stroke_white {
                        self.stroke(&path, &gs.clip);
                    }
                    if pending_clip {
                        let pts: Vec<(f32, f32)> =
                            path.iter().flat_map(|sp| sp.pts.iter().copied()).collect();
                        let r = Rect::around(&pts);
                        if !pts.is_empty() && r.is_finite() {
                            gs.clip = intersect(&gs.clip, &r);
                        }
                        pending_clip = false;
                    }
                    path.clear();
                }
                // Text.
                b"BT" => {
                    in_text = true;
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"ET" => in_text = false,
                b"Tc" => gs.char_spacing = n(0),
                b"Tw" => gs.word_spacing = n(0),
                b"Tz" => gs.hscale = n(0) / 100.0,
                b"TL" => gs.leading = n(0),
                b"Ts" => gs.rise = n(0),
                b"Tf" => {
                    if let (Some(Operand::Name(name)), Some(size)) =
                        (ops.first(), ops.get(1).and_then(Operand::num))
                    {
                        gs.font = self.font(resources, name);
                        gs.font_size = size;
                    }
                }
                b"Td" | b"TD" => {
                    if let Some(v) = nums(2) {
                        if op == b"TD" {
                            gs.leading = -v[1];
                        }
                        tlm = Matrix::translate(v[0], v[1]).then(&tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let Some(v) = nums(6) {
                        let m = Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]);
                        if m.is_finite() {
                            tlm = m;
                            tm = m;
                        }
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op != b"Tj" {
                        if op == b"\"" && ops.len() >= 3 {
                            gs.word_spacing = n(0);
                            gs.char_spacing = n(1);
                        }
                        tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s)) = ops.last() {
                        let s = s.clone();
                        self.show(&gs, &mut tm, &s, in_text);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = ops.last() {
                        let items = items.clone();
                        for it in &items {
                            match it {
                                Operand::Str(s) => self.show(&gs, &mut tm, s, in_text),
                                Operand::Num(adj) => {
                                    let d = -adj / 1000.0 * gs.font_size;
                                    let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                    let t = if vertical {
                                        Matrix::translate(0.0, d)
                                    } else {
                                        Matrix::translate(d * gs.hscale, 0.0)
                                    };
                                    tm = t.then(&tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        let name = name.clone();
                        self.paint_xobject(resources, &name, &gs, depth);
                    }
                }
                b"BI" => self.device.image(),
                _ => {}
            }
        }
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Arc<Font>> {
        let res = resources?;
        let key = (res as *const Dictionary as usize, name.to_vec());
        if let Some(f) = self.font_lookup.get(&key) {
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
        self.font_lookup.insert(key, found.clone());
        found
    }

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
        let th = gs.hscale;
        let base = Matrix::new(fs * th, 0.0, 0.0, fs, 0.0, gs.rise);
        for code in &codes {
            let trm = base.then(tm).then(&gs.ctm);
            let w = code.width;
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
            let bbox = Rect::around(&corners);
            let size = (trm.c * trm.c + trm.d * trm.d).sqrt();
            let visible_text = code
                .text
                .as_deref()
                .map(|t| !t.chars().all(char::is_whitespace));
            let (cx, cy) = (bbox.cx(), bbox.cy());
            let c = &gs.clip;
            let clipped = cx < c.x0 - 1.0 || cx > c.x1 + 1.0 || cy < c.y0 - 1.0 || cy > c.y1 + 1.0;
            if visible_text != Some(false)
                && !clipped
                && bbox.is_finite()
                && size.is_finite()
                && (0.5..5000.0).contains(&size)
            {
                self.report.shown += 1;
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
                let good = code
                    .text
                    .as_deref()
                    .filter(|t| t.chars().all(|c| !bad_char(c)));
                if let Some(u) = self.report.fonts.get_mut(fi as usize) {
                    u.shown += 1;
                    if good.is_none() {
                        u.undecodable += 1;
                    }
                }
                if let Some(t) = good {
                    let dir = direction(&trm);
                    self.device.glyph(Glyph {
                        text: normalize(t),
                        bbox,
                        size,
                        dir,
                        font: fi,
                    });
                }
            }
            // Advance.
            let spacing = gs.char_spacing
                + if code.word_space {
                    gs.word_spacing
                } else {
                    0.0
                };
            let t = if font.vertical {
                Matrix::translate(0.0, -(fs + spacing))
            } else {
                Matrix::translate((w * fs + spacing) * th, 0.0)
            };
            *tm = t.then(tm);
        }
        self.codes = codes;
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
            Some(b"Form") => {
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
                let data = match ctx.stream_data(stream) {
                    Ok(d) => d,
                    Err(StreamError::Damaged { partial, message }) => {
                        self.problem(format!("a form's content is damaged ({message})"));
                        partial
                    }
                    Err(StreamError::Limit(m)) => {
                        self.report.limit.get_or_insert(m);
                        Vec::new()
                    }
                };
                let m = ctx
                    .get_numbers(&stream.dict, b"Matrix", 6)
                    .map(|v| Matrix::new(v[0], v[1], v[2], v[3], v[4], v[5]))
                    .filter(Matrix::is_finite)
                    .unwrap_or(Matrix::IDENTITY);
                let form_res = ctx.get_dict(&stream.dict, b"Resources").or(resources);
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
                self.run(&data, form_res, inner, depth + 1);
                if id.is_some() {
                    self.form_stack.pop();
                }
            }
            _ => {}
        }
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
fn normalize(t: &str) -> String {
    if t.chars().all(|c| (c as u32) < 0x2E80 || is_plain_cjk(c)) {
        return t.to_string();
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
