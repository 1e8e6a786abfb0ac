// Start-up tuning for short-lived docforge processes: Pango's font matching without threads.
//
// Pango 1.50 runs fontconfig's match and sort for every new font set (each family, size,
// weight and style a document uses: 9 for a 2-page resume) on two threads of its own, made for
// the purpose and ended after it ("[pango] FcFontSetMatch", "[pango] FcFontSetSort"). The
// renderer waits for the match at once and for the sort at its first fallback character, so
// the threads rarely overlap with anything; what they add is their creation, page faults and
// wake-ups: 18 threads for that resume, a few milliseconds of a ~40 ms process on the machines
// docforge is measured on, and more when the other cores are busy (the renderer then waits
// for a core as well). After run_font_matching_inline(), such a thread's function runs on the
// thread that asked for it, before g_thread_new returns; the results are the same (the PDFs
// are byte for byte the same: tests/e2e/inline_font_matching_test.cpp).
//
// How: this file's g_thread_new, linked into the executable, takes the place of GLib's for every
// library of the process (ELF symbol interposition) and hands every other thread to GLib's.
// Pango only releases those threads (g_thread_unref), never joins them, which is what makes
// running them inline sound; a Pango that names its threads otherwise gets GLib's threads, as
// before. (Pango's "[pango] FcInit" thread stays a thread: its creator holds the lock the
// thread takes, so run inline it would wait for itself.) Link it only into executables, and
// call the function first thing in main() of a process that renders a few documents and exits
// (the CLI, `document_bench once`). Idempotent.

#ifndef DOCFORGE_CLI_INLINE_FONT_MATCHING_H_
#define DOCFORGE_CLI_INLINE_FONT_MATCHING_H_

namespace docforge::cli {

void run_font_matching_inline() noexcept;

// How many thread functions have run inline so far (for tests).
int font_matching_runs_inline() noexcept;

}  // namespace docforge::cli

#endif  // DOCFORGE_CLI_INLINE_FONT_MATCHING_H_
