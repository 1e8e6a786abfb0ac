#include "cli/inline_font_matching.h"

#include <dlfcn.h>
#include <glib.h>

#include <atomic>
#include <cstring>

namespace docforge::cli {
namespace {

std::atomic<bool> inline_matching{false};
std::atomic<int> runs{0};

// The threads Pango 1.50 makes for one font set's fontconfig work (pangofc-fontmap.c).
bool is_font_set_matching(const gchar* name) {
  return name != nullptr &&
         (std::strcmp(name, "[pango] FcFontSetMatch") == 0 || std::strcmp(name, "[pango] FcFontSetSort") == 0);
}

}  // namespace

void run_font_matching_inline() noexcept { inline_matching.store(true, std::memory_order_relaxed); }

int font_matching_runs_inline() noexcept { return runs.load(std::memory_order_relaxed); }

}  // namespace docforge::cli

// GLib's g_thread_new, interposed (see the header).
extern "C" GThread* g_thread_new(const gchar* name, GThreadFunc func, gpointer data) {
  using NewThread = GThread* (*)(const gchar*, GThreadFunc, gpointer);
  static const NewThread glib_new_thread = reinterpret_cast<NewThread>(dlsym(RTLD_NEXT, "g_thread_new"));
  if (docforge::cli::inline_matching.load(std::memory_order_relaxed) && docforge::cli::is_font_set_matching(name)) {
    func(data);  // its result reaches Pango through `data`, under Pango's own lock
    docforge::cli::runs.fetch_add(1, std::memory_order_relaxed);
    return g_thread_ref(g_thread_self());  // Pango only unrefs what it gets
  }
  return glib_new_thread(name, func, data);
}
