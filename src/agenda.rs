//! A workshop's agenda: the course's modules, lessons and quizzes laid over
//! the days of course.yaml's `schedule`, in reading order, around lunch and
//! the breaks. The facilitator guide shows it; the parse stage warns when the
//! course does not fit the days.

use crate::model::{Course, ModuleItem, Schedule};

/// Minutes a module quiz takes in the room.
pub const MODULE_QUIZ_MINUTES: u32 = 10;
/// Minutes a quiz among the lessons takes.
pub const LESSON_QUIZ_MINUTES: u32 = 5;
/// A step does not start with a part shorter than this before a pause or the
/// end of the day (the room takes the minutes as a buffer instead).
pub const SHORTEST_PART: u32 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Lesson(usize, usize),
    LessonQuiz(usize, usize),
    ModuleQuiz(usize),
    /// Lunch (`true`) or a short break.
    Pause(bool),
    /// Minutes left before a pause or the day's end, too few to start the
    /// next step in (questions, catching up).
    Buffer,
}

/// One stretch of the day: a lesson (or a part of one, when a pause or the
/// end of the day splits it), a quiz or a pause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Day number, from 1.
    pub day: u32,
    /// Minutes after midnight.
    pub start: u32,
    pub end: u32,
    pub slot: Slot,
    /// Whether this row continues the previous part of the same lesson.
    pub continued: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub rows: Vec<Row>,
    /// Teaching minutes the course needs, and the days give.
    pub needed: u32,
    pub available: u32,
    /// Days used (more than the schedule's when the course does not fit).
    pub days_used: u32,
}

impl Agenda {
    pub fn fits(&self, schedule: &Schedule) -> bool {
        self.days_used <= schedule.days
    }
}

/// The minutes of each step of the course, in reading order.
pub fn steps(course: &Course) -> Vec<(Slot, u32)> {
    let mut out = Vec::new();
    for (mi, m) in course.modules.iter().enumerate() {
        for item in &m.items {
            out.push(match *item {
                ModuleItem::Lesson(li) => (Slot::Lesson(mi, li), m.lessons[li].duration_minutes.unwrap_or(0)),
                ModuleItem::Quiz(qi) => (Slot::LessonQuiz(mi, qi), LESSON_QUIZ_MINUTES),
                // Played alone online; in the room its role-play cards serve
                // the exercise the lesson budgets for.
                ModuleItem::Scenario(_) => continue,
            });
        }
        if m.quiz.is_some() {
            out.push((Slot::ModuleQuiz(mi), MODULE_QUIZ_MINUTES));
        }
    }
    out
}

/// Lays `steps` over the days of `schedule` (going on past its last day
/// when they do not fit).
pub fn plan(steps: &[(Slot, u32)], schedule: &Schedule) -> Agenda {
    let per_day = (schedule.end - schedule.start) - schedule.pauses.iter().map(|p| p.minutes).sum::<u32>();
    let needed: u32 = steps.iter().map(|(_, m)| m).sum();
    let mut rows = Vec::new();
    let mut day = 1;
    let mut t = schedule.start;
    for &(slot, minutes) in steps {
        let mut left = minutes;
        let mut continued = false;
        // A step of 0 minutes is listed at the time it comes.
        let mut listed = false;
        while left > 0 || !listed {
            if let Some(p) = schedule.pauses.iter().find(|p| p.at == t) {
                rows.push(Row {
                    day,
                    start: t,
                    end: t + p.minutes,
                    slot: Slot::Pause(p.lunch),
                    continued: false,
                });
                t += p.minutes;
                continue;
            }
            if t >= schedule.end {
                day += 1;
                t = schedule.start;
                continue;
            }
            let boundary = schedule
                .pauses
                .iter()
                .map(|p| p.at)
                .filter(|&at| at > t)
                .min()
                .unwrap_or(schedule.end)
                .min(schedule.end);
            // Not two minutes of a quiz before lunch: the step waits for
            // after the pause. (A short last part after a pause stays: the
            // minutes are the plan's.)
            let gap = boundary - t;
            if left > gap && gap < SHORTEST_PART {
                rows.push(Row {
                    day,
                    start: t,
                    end: boundary,
                    slot: Slot::Buffer,
                    continued: false,
                });
                t = boundary;
                continue;
            }
            let take = left.min(boundary - t);
            rows.push(Row {
                day,
                start: t,
                end: t + take,
                slot,
                continued,
            });
            t += take;
            left -= take;
            continued = true;
            listed = true;
        }
    }
    Agenda {
        rows,
        needed,
        available: per_day * schedule.days,
        days_used: day,
    }
}

/// Minutes after midnight as `HH:MM`.
pub fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pause;

    fn day() -> Schedule {
        Schedule {
            days: 2,
            start: 9 * 60,
            end: 17 * 60,
            pauses: vec![
                Pause {
                    at: 10 * 60 + 30,
                    minutes: 15,
                    lunch: false,
                },
                Pause {
                    at: 12 * 60,
                    minutes: 60,
                    lunch: true,
                },
                Pause {
                    at: 15 * 60,
                    minutes: 15,
                    lunch: false,
                },
            ],
        }
    }

    #[test]
    fn steps_go_around_pauses_split_at_them_and_move_to_the_next_day() {
        let steps = [
            (Slot::Lesson(0, 0), 60),
            (Slot::Lesson(0, 1), 60),
            (Slot::ModuleQuiz(0), 10),
            (Slot::Lesson(1, 0), 350),
        ];
        let a = plan(&steps, &day());
        let rows: Vec<(u32, String, String, Slot, bool)> = a
            .rows
            .iter()
            .map(|r| (r.day, hhmm(r.start), hhmm(r.end), r.slot, r.continued))
            .collect();
        let row = |d, s: &str, e: &str, slot, c| (d, s.to_string(), e.to_string(), slot, c);
        assert_eq!(
            rows,
            [
                row(1, "09:00", "10:00", Slot::Lesson(0, 0), false),
                row(1, "10:00", "10:30", Slot::Lesson(0, 1), false),
                row(1, "10:30", "10:45", Slot::Pause(false), false),
                row(1, "10:45", "11:15", Slot::Lesson(0, 1), true),
                row(1, "11:15", "11:25", Slot::ModuleQuiz(0), false),
                row(1, "11:25", "12:00", Slot::Lesson(1, 0), false),
                row(1, "12:00", "13:00", Slot::Pause(true), false),
                row(1, "13:00", "15:00", Slot::Lesson(1, 0), true),
                row(1, "15:00", "15:15", Slot::Pause(false), false),
                row(1, "15:15", "17:00", Slot::Lesson(1, 0), true),
                row(2, "09:00", "10:30", Slot::Lesson(1, 0), true),
            ]
        );
        // 390 teaching minutes a day: 480 needed fit in two days.
        assert_eq!((a.needed, a.available, a.days_used), (480, 780, 2));
        assert!(a.fits(&day()));
    }

    #[test]
    fn a_step_is_not_cut_into_a_sliver_before_a_pause() {
        let a = plan(&[(Slot::Lesson(0, 0), 85), (Slot::ModuleQuiz(0), 10)], &day());
        let rows: Vec<(String, String, Slot)> = a
            .rows
            .iter()
            .map(|r| (hhmm(r.start), hhmm(r.end), r.slot))
            .collect();
        let row = |s: &str, e: &str, slot| (s.to_string(), e.to_string(), slot);
        assert_eq!(
            rows,
            [
                row("09:00", "10:25", Slot::Lesson(0, 0)),
                row("10:25", "10:30", Slot::Buffer),
                row("10:30", "10:45", Slot::Pause(false)),
                row("10:45", "10:55", Slot::ModuleQuiz(0)),
            ]
        );
    }

    #[test]
    fn a_course_longer_than_the_days_runs_past_them() {
        let a = plan(&[(Slot::Lesson(0, 0), 800)], &day());
        assert_eq!((a.needed, a.available, a.days_used), (800, 780, 3));
        assert!(!a.fits(&day()));
        let last = a.rows.last().unwrap();
        assert_eq!((last.day, hhmm(last.end)), (3, "09:20".to_string()));
    }
}
