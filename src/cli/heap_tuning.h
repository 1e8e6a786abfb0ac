// Start-up tuning of the C heap for short-lived docforge processes (one `docforge render`).
//
// On the virtual machines docforge is measured on, a page fault costs 20-30 µs, and a fresh
// process rendering a 2-page PDF takes ~1,200 of them: about half the process's time. Most are
// the C heap growing 4 KB at a time, in the main arena and in the arenas glibc makes for the
// engine's threads (the font subset's and the hyphenation patterns' loaders). prefer_huge_heap_pages() makes the heap grow in one 8 MB step marked
// for transparent huge pages (a 2 MB fault instead of 512 small ones, where the kernel allows
// them) and keeps every thread on the main arena.
//
// Call it first thing in main() of a process that renders a few documents and exits. Not for
// long-running, many-threaded processes (a service, a batch pool): one arena serialises their
// allocations. It changes process-wide malloc settings and is harmless where transparent huge
// pages are off (the advice is then ignored). Idempotent.

#ifndef DOCFORGE_CLI_HEAP_TUNING_H_
#define DOCFORGE_CLI_HEAP_TUNING_H_

namespace docforge::cli {

void prefer_huge_heap_pages() noexcept;

}  // namespace docforge::cli

#endif  // DOCFORGE_CLI_HEAP_TUNING_H_
