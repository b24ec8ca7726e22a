//! Every user-interface string of the generated site, one table per language.
//! Templates read them as `t.<name>`; Rust code uses the same table.

use serde::Serialize;

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

use crate::markdown::{CalloutKind, Label};

#[derive(Debug, Clone, Serialize)]
pub struct UiStrings {
    pub skip_to_content: &'static str,
    pub menu: &'static str,
    pub toggle_theme: &'static str,
    /// The copy button above a code block, and what it says after a copy.
    pub code_copy: &'static str,
    pub code_copied: &'static str,
    pub code_copy_failed: &'static str,
    pub course_nav: &'static str,
    pub breadcrumbs: &'static str,
    pub home: &'static str,
    pub on_this_page: &'static str,
    pub pager: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub modules: &'static str,
    pub start_course: &'static str,
    pub objectives: &'static str,
    pub objectives_count: &'static str,
    pub lessons: &'static str,
    pub lessons_count: &'static str,
    pub minutes: &'static str,
    pub duration: &'static str,
    pub reading_time: &'static str,
    pub authors: &'static str,
    pub more_pages: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub generated_by: &'static str,
    pub callout_note: &'static str,
    pub callout_tip: &'static str,
    pub callout_important: &'static str,
    pub callout_warning: &'static str,
    pub callout_caution: &'static str,
    pub progress: &'static str,
    pub calculator: &'static str,
    pub tools: &'static str,
    pub chart_data: &'static str,
    /// The list of footnotes at the end of a page, the links back from a
    /// footnote to where it is cited (followed by its number), and a heading's
    /// link to itself (followed by the heading).
    pub footnotes: &'static str,
    pub footnote_back: &'static str,
    pub section_link: &'static str,
    /// `> [!EXERCISE]` and `> [!TRAINER]` boxes.
    pub callout_exercise: &'static str,
    pub callout_trainer: &'static str,
    /// An exercise's time (`{n}` minutes) and the label before its materials.
    pub exercise_minutes: &'static str,
    pub exercise_materials: &'static str,
    /// Between a label and what it names (`：`, `: `).
    pub title_separator: &'static str,
    pub all_lessons: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_results: &'static str,
    pub search_count: &'static str,
    pub search_none: &'static str,
    pub search_loading: &'static str,
    pub search_failed: &'static str,
    /// The progress page's meta description.
    pub progress_description: &'static str,
    /// A quiz page's meta description: `{title}`, `{n}` questions, `{pass}` mark.
    pub quiz_description: &'static str,
    pub print_handout: &'static str,
    pub print_trainer: &'static str,
    pub print_contents: &'static str,
    pub print_name_line: &'static str,
    pub quiz: QuizStrings,
    pub calc: CalcStrings,
    pub dev: DevStrings,
    pub slides: SlidesStrings,
    pub scenario: ScenarioStrings,
}

/// Strings of role-play scenario pages, their print cards and their lines on
/// the progress page; the scenario script reads them as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioStrings {
    /// Between a label and what it names (`：`, `: `).
    pub colon: &'static str,
    /// The page's kind (in lists and the navigation).
    pub scenario: &'static str,
    pub roles: &'static str,
    /// After the learner's own role.
    pub you_mark: &'static str,
    /// The group of choice buttons.
    pub your_reply: &'static str,
    pub back: &'static str,
    pub restart: &'static str,
    pub went_back: &'static str,
    pub restarted: &'static str,
    pub resumed: &'static str,
    /// The conversation's log (its accessible name).
    pub conversation: &'static str,
    pub feedback: &'static str,
    /// A choice's score change, `{n}` with its sign.
    pub score_change: &'static str,
    pub total_score: &'static str,
    pub ending: &'static str,
    pub rating: &'static str,
    pub rating_excellent: &'static str,
    pub rating_acceptable: &'static str,
    pub rating_poor: &'static str,
    pub debrief: &'static str,
    pub your_path: &'static str,
    pub best_path: &'static str,
    pub same_as_best: &'static str,
    /// The best ending reached: `{rating}`, `{title}`.
    pub best_result: &'static str,
    pub not_played: &'static str,
    pub passed: &'static str,
    pub not_passed: &'static str,
    pub pass_note: &'static str,
    pub no_js: &'static str,
    pub script: &'static str,
    pub endings: &'static str,
    pub leads_to: &'static str,
    pub mood: &'static str,
    pub mood_calm: &'static str,
    pub mood_curious: &'static str,
    pub mood_worried: &'static str,
    pub mood_annoyed: &'static str,
    pub mood_angry: &'static str,
    pub mood_pleased: &'static str,
    pub mood_delighted: &'static str,
    /// On the module overview: `{n}` endings.
    pub endings_count: &'static str,
    pub step: &'static str,
    pub you_said: &'static str,
    pub missing_scenarios: &'static str,
    pub scenarios_passed_of: &'static str,
    /// The progress page's certificate in a course with scenarios (the
    /// quiz strings' counterparts; `{s}`: scenarios).
    pub certificate_locked: &'static str,
    pub certificate_locked_quizzes: &'static str,
    pub certificate_text: &'static str,
    pub certificate_text_quizzes: &'static str,
    /// A scenario begun but no ending reached yet.
    pub in_progress: &'static str,
    /// Print: the cards' heading and each card's title.
    pub cards: &'static str,
    pub customer_card: &'static str,
    pub employee_card: &'static str,
    pub observer_card: &'static str,
    pub debrief_questions: &'static str,
    pub card_situation: &'static str,
    pub card_mood: &'static str,
    pub card_wants: &'static str,
    pub card_reacts_well: &'static str,
    pub card_reacts_poorly: &'static str,
    pub card_goal: &'static str,
    pub cards_how: &'static str,
}

/// Strings of the slide decks, their presenter view and the facilitator guide.
#[derive(Debug, Clone, Serialize)]
pub struct SlidesStrings {
    /// The module overview's link to its deck, and the deck's name.
    pub deck: &'static str,
    pub presenter: &'static str,
    pub prev: &'static str,
    pub next: &'static str,
    pub overview: &'static str,
    pub fullscreen: &'static str,
    pub black: &'static str,
    /// `{n}` of `{total}`.
    pub counter: &'static str,
    /// What the keys do (shown in the deck's bar).
    pub keys: &'static str,
    pub back: &'static str,
    pub notes: &'static str,
    pub no_notes: &'static str,
    pub next_slide: &'static str,
    pub end_of_deck: &'static str,
    pub elapsed: &'static str,
    /// The current lesson's time so far and its plan: `{spent}`, `{planned}`.
    pub lesson_time: &'static str,
    pub minutes: &'static str,
    pub reset_timer: &'static str,
    pub facilitator: &'static str,
    pub agenda: &'static str,
    /// `Day {n}`.
    pub day: &'static str,
    pub time: &'static str,
    pub session: &'static str,
    pub lunch: &'static str,
    pub break_: &'static str,
    /// Minutes before a pause too few to start the next step in.
    pub buffer: &'static str,
    pub quiz: &'static str,
    pub continued: &'static str,
    pub exercises: &'static str,
    pub trainer_notes: &'static str,
    pub objectives: &'static str,
    /// `{needed}` minutes of teaching, `{available}` available, `{days}` days.
    pub plan_totals: &'static str,
    pub plan_overflow: &'static str,
    pub where_: &'static str,
}

/// Strings of the dev server's error panel (`coursegen serve` only).
#[derive(Debug, Clone, Serialize)]
pub struct DevStrings {
    /// Pages were rendered with errors: `{n}` errors.
    pub partial: &'static str,
    /// Nothing rendered; the last good version is shown.
    pub failed_last_good: &'static str,
    /// Nothing rendered, and nothing was before.
    pub failed_nothing: &'static str,
    pub close: &'static str,
    /// Before the destination of a link that does not resolve.
    pub broken_link: &'static str,
}

/// Strings of the NPS / CSI calculator page; its script reads them as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct CalcStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub tab_nps: &'static str,
    pub tab_csi: &'static str,
    pub counts_legend: &'static str,
    pub score_label: &'static str,
    pub raw_legend: &'static str,
    pub raw_label: &'static str,
    pub raw_hint: &'static str,
    pub file_label: &'static str,
    pub file_hint: &'static str,
    pub column_label: &'static str,
    pub results: &'static str,
    pub promoters: &'static str,
    pub passives: &'static str,
    pub detractors: &'static str,
    pub count: &'static str,
    pub percent: &'static str,
    pub nps: &'static str,
    pub respondents: &'static str,
    pub interval: &'static str,
    pub method_wald: &'static str,
    pub method_adjusted: &'static str,
    pub industry_average: &'static str,
    pub greif: &'static str,
    pub histogram: &'static str,
    pub segments_chart: &'static str,
    pub copy_result: &'static str,
    pub copied: &'static str,
    pub share_link: &'static str,
    pub error_range: &'static str,
    pub error_nan: &'static str,
    pub error_int: &'static str,
    pub error_count: &'static str,
    pub error_empty: &'static str,
    pub error_weights: &'static str,
    pub error_file: &'static str,
    pub scale_label: &'static str,
    pub attribute: &'static str,
    pub mean_label: &'static str,
    pub importance_label: &'static str,
    pub csi: &'static str,
    pub csat: &'static str,
    pub weakest: &'static str,
    pub csi_raw_legend: &'static str,
    pub recommended: &'static str,
    pub interval_range: &'static str,
    pub comparison: &'static str,
    pub compare_above: &'static str,
    pub compare_below: &'static str,
    pub compare_equal: &'static str,
    pub empty_results: &'static str,
    pub fix_errors: &'static str,
    pub source_counts: &'static str,
    pub source_raw: &'static str,
    pub file_loaded: &'static str,
    pub file_bad_value: &'static str,
    pub file_empty_cell: &'static str,
    pub file_missing_column: &'static str,
    pub file_quote: &'static str,
    pub file_no_data: &'static str,
    pub column_n: &'static str,
    pub error_mean: &'static str,
    pub error_number: &'static str,
    pub importance_hint: &'static str,
    pub need_all_means: &'static str,
    pub weighted_csi: &'static str,
    pub question_csi: &'static str,
    pub weakest_mark: &'static str,
    pub csi_chart: &'static str,
    pub weight_label: &'static str,
    pub people: &'static str,
    pub copy_failed: &'static str,
    /// Header of the segment column in the NPS results table.
    pub segment: &'static str,
    /// Shown instead of the form when JavaScript is off.
    pub no_js: &'static str,
    /// The five SERVQUAL dimensions, in the order of `SERVQUAL_DIMENSIONS`.
    pub dimensions: [&'static str; 5],
    /// The compact result under the inputs, before any input.
    pub live_empty_nps: &'static str,
    pub live_empty_csi: &'static str,
    /// The compact result while an input is invalid.
    pub live_invalid: &'static str,
    /// Link from the compact result to the full results.
    pub live_more: &'static str,
    /// Short forms for the compact result.
    pub live_interval: &'static str,
    pub live_weighted_csi: &'static str,
    pub live_question_csi: &'static str,
    pub live_weakest: &'static str,
    /// A file that is neither UTF-8 nor GB18030.
    pub file_encoding: &'static str,
    /// Added to `file_loaded` when the file was GB18030 (GBK).
    pub file_gb18030: &'static str,
}

/// Strings of the quiz and progress pages; the quiz script reads them as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct QuizStrings {
    pub quiz: &'static str,
    pub take_quiz: &'static str,
    pub question: &'static str,
    pub pass_mark: &'static str,
    pub questions_count: &'static str,
    pub check: &'static str,
    pub submit: &'static str,
    pub retry: &'static str,
    pub correct: &'static str,
    pub incorrect: &'static str,
    pub unanswered: &'static str,
    pub not_a_number: &'static str,
    pub your_answer: &'static str,
    pub choose: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub moved: &'static str,
    pub position: &'static str,
    pub show_answer: &'static str,
    pub answer: &'static str,
    pub explanation: &'static str,
    pub true_label: &'static str,
    pub false_label: &'static str,
    pub score: &'static str,
    pub passed: &'static str,
    pub failed: &'static str,
    pub revisit: &'static str,
    pub restored: &'static str,
    pub no_js: &'static str,
    pub best_score: &'static str,
    pub not_attempted: &'static str,
    pub visited: &'static str,
    pub overall: &'static str,
    pub reset_module: &'static str,
    pub reset_all: &'static str,
    pub reset_confirm: &'static str,
    pub export: &'static str,
    pub import: &'static str,
    pub import_done: &'static str,
    pub import_failed: &'static str,
    pub certificate: &'static str,
    pub certificate_locked: &'static str,
    pub learner_name: &'static str,
    pub print_certificate: &'static str,
    pub certificate_text: &'static str,
    pub completed_on: &'static str,
    pub mark_chosen_correct: &'static str,
    pub mark_chosen_wrong: &'static str,
    pub mark_correct: &'static str,
    pub mark_missed: &'static str,
    pub order_right: &'static str,
    pub order_wrong: &'static str,
    pub match_right: &'static str,
    pub match_wrong: &'static str,
    pub solution: &'static str,
    pub reveal_after_pass: &'static str,
    pub reveal_never: &'static str,
    pub checked_of: &'static str,
    pub answered_of: &'static str,
    pub correct_of: &'static str,
    pub attempts: &'static str,
    pub missing: &'static str,
    pub missing_lessons: &'static str,
    pub missing_quizzes: &'static str,
    pub complete: &'static str,
    pub certificate_locked_quizzes: &'static str,
    pub certificate_text_quizzes: &'static str,
    pub certificate_attests: &'static str,
    pub not_answered: &'static str,
    pub no_js_never: &'static str,
    pub visited_mark: &'static str,
    pub quizzes_passed_of: &'static str,
    pub in_progress: &'static str,
}

/// The table for a course language: Chinese variants get zh-CN, everything else English.
pub fn for_language(lang: &str) -> &'static UiStrings {
    if lang.to_ascii_lowercase().starts_with("zh") {
        &ZH_CN
    } else {
        &EN
    }
}

impl UiStrings {
    pub fn callout(&self, kind: CalloutKind) -> &'static str {
        match kind {
            CalloutKind::Note => self.callout_note,
            CalloutKind::Tip => self.callout_tip,
            CalloutKind::Important => self.callout_important,
            CalloutKind::Warning => self.callout_warning,
            CalloutKind::Caution => self.callout_caution,
            CalloutKind::Exercise => self.callout_exercise,
            CalloutKind::Trainer => self.callout_trainer,
        }
    }

    pub fn markdown_label(&self, label: Label) -> &'static str {
        match label {
            Label::Footnotes => self.footnotes,
            Label::FootnoteBack => self.footnote_back,
            Label::SectionLink => self.section_link,
            Label::ExerciseMinutes => self.exercise_minutes,
            Label::ExerciseMaterials => self.exercise_materials,
            Label::TitleSeparator => self.title_separator,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_selection() {
        assert_eq!(for_language("zh-CN").home, "首页");
        assert_eq!(for_language("zh-Hant").home, "首页");
        assert_eq!(for_language("en").home, "Home");
    }
}
