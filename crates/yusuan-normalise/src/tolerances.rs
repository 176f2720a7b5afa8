//! The allowances the checks make beyond the rounding of the printed digits, each named once.
//!
//! The rounding itself is not a setting: a printed figure may be off by half a unit of its last
//! printed digit, and every comparison allows the sum of those halves of the figures it
//! compares. The allowances below are the judgements made on top of that.

use rust_decimal::Decimal;

/// The most a figure printed in 元 is taken to be rounded by: budgets kept in 元 are whole
/// amounts to the fen, not rounded ones (0.005 元).
pub(crate) const YUAN_ROUNDING: Decimal = Decimal::from_parts(5, 0, 0, false, 3);

/// A share or change rate within this many percentage points beyond its rounding is a `note`
/// (nudged so that the shares add up to 100%), not a `narrative_mismatch` (0.1 point).
pub(crate) const NUDGE_POINTS: Decimal = Decimal::from_parts(1, 0, 0, false, 1);

/// The shares stated of one total count as nudged when they add up to 100% within this many
/// points (0.01 point).
pub(crate) const SHARES_ADD_UP_POINTS: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// 基本持平 (about level) holds when two figures are within this fraction of each other (5%).
pub(crate) const ABOUT_LEVEL: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// A figure the explanation states again next year is noted (`year_on_year`) when it moved by
/// more than this fraction of last year's figure (50%).
pub(crate) const MOVED_FRACTION: Decimal = Decimal::from_parts(5, 0, 0, false, 1);
