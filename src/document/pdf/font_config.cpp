#include "document/pdf/font_config.h"

#include <fontconfig/fontconfig.h>
#include <glib.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <vector>

namespace docforge::document::pdf {
namespace {

// The families of the subset: those the built-in themes name. Only text these families have
// is drawn with the subset (font_config.h); a document that needs a fallback font takes the
// full configuration, which knows every installed face.
constexpr const char* kFastFamilies[] = {
    "DejaVu Sans", "DejaVu Sans Mono", "DejaVu Serif", "Liberation Sans", "Liberation Serif", "Liberation Mono",
};

// fontconfig compares family names ignoring case and blanks.
std::string normalize(std::string_view family) {
  std::string out;
  for (char c : family) {
    if (c != ' ' && c != '\t') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

struct Fast {
  FcConfig* config = nullptr;  // never destroyed: fontconfig's current configuration
  std::unordered_set<std::string> families;
  std::mutex mutex;            // guards covered
  std::map<std::string, std::unique_ptr<CharCoverage>, std::less<>> covered;  // fast_set_chars
};

// The characters of the subset's faces whose family is one of `list`; null when a family of
// the list is not in the subset.
FcCharSet* chars_of(Fast* f, std::string_view list) {
  std::vector<std::string> names;
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string family = normalize(list.substr(0, comma));
    if (!family.empty()) {
      if (f->families.count(family) == 0) return nullptr;
      names.push_back(std::move(family));
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  FcCharSet* out = FcCharSetCreate();
  FcFontSet* fonts = FcConfigGetFonts(f->config, FcSetSystem);
  for (int i = 0; i < fonts->nfont; ++i) {
    FcCharSet* cs = nullptr;
    if (FcPatternGetCharSet(fonts->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch) continue;
    FcChar8* name = nullptr;
    for (int n = 0; FcPatternGetString(fonts->fonts[i], FC_FAMILY, n, &name) == FcResultMatch; ++n) {
      std::string family = normalize(reinterpret_cast<const char*>(name));
      if (std::find(names.begin(), names.end(), family) != names.end()) {
        FcCharSetMerge(out, cs, nullptr);
        break;
      }
    }
  }
  return out;
}

// The standard font directories and caches of a Linux fontconfig (those Debian's fonts.conf
// names), no rules, and a <selectfont> that keeps only kFastFamilies.
FcConfig* build_fast_config() {
  FcConfig* config = FcConfigCreate();
  if (config == nullptr) return nullptr;
  std::string select = "<fontconfig><selectfont><acceptfont>";
  for (const char* family : kFastFamilies) {
    select += "<pattern><patelt name=\"family\"><string>";
    select += family;  // no XML metacharacters in the list
    select += "</string></patelt></pattern>";
  }
  select += "</acceptfont><rejectfont><pattern/></rejectfont></selectfont></fontconfig>";
  const char* dirs =
      "<fontconfig><dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
      "<dir prefix=\"xdg\">fonts</dir><dir>~/.fonts</dir>"
      "<cachedir>/var/cache/fontconfig</cachedir><cachedir prefix=\"xdg\">fontconfig</cachedir></fontconfig>";
  bool ok = FcConfigParseAndLoadFromMemory(config, reinterpret_cast<const FcChar8*>(dirs), FcTrue) &&
            FcConfigParseAndLoadFromMemory(config, reinterpret_cast<const FcChar8*>(select.c_str()), FcTrue) &&
            FcConfigBuildFonts(config);
  FcFontSet* fonts = ok ? FcConfigGetFonts(config, FcSetSystem) : nullptr;
  if (fonts == nullptr || fonts->nfont == 0) {
    FcConfigDestroy(config);
    return nullptr;
  }
  return config;
}

std::once_flag fast_once;
Fast* fast = nullptr;
bool fast_is_current = false;  // set once, under fast_once, before any font map exists

// Built at most once per process. The first engine decides whether the subset becomes
// fontconfig's current configuration: only when it is the default font set, so that Pango's
// FcInit (run by the first font map) finds it and does not parse the system configuration.
Fast* fast_fonts(bool make_current) {
  std::call_once(fast_once, [make_current] {
    FcConfig* config = build_fast_config();
    if (config == nullptr) return;
    auto* f = new Fast;  // lives for the process, like fontconfig's own configuration
    f->config = config;
    FcFontSet* fonts = FcConfigGetFonts(config, FcSetSystem);
    for (int i = 0; i < fonts->nfont; ++i) {
      FcChar8* name = nullptr;
      for (int n = 0; FcPatternGetString(fonts->fonts[i], FC_FAMILY, n, &name) == FcResultMatch; ++n) {
        f->families.insert(normalize(reinterpret_cast<const char*>(name)));
      }
    }
    if (make_current && FcConfigSetCurrent(config)) fast_is_current = true;
    fast = f;
  });
  return fast;
}

// The full system configuration for a kSystem font map: fontconfig's default, unless the
// subset took its place (then one loaded for the purpose, once).
FcConfig* system_config() {
  if (!fast_is_current) return nullptr;  // Pango uses the current one: the system's
  static FcConfig* config = FcInitLoadConfigAndFonts();
  return config;
}

}  // namespace

FontSet default_font_set() {
  static const FontSet set = [] {
    const char* env = std::getenv("DOCFORGE_FONTS");
    if (env != nullptr && std::strcmp(env, "system") == 0) return FontSet::kSystem;
    return fast_fonts(true) != nullptr ? FontSet::kFast : FontSet::kSystem;
  }();
  return set;
}

void start_loading_fonts() {
  static std::once_flag started;
  std::call_once(started, [] {
    const char* env = std::getenv("DOCFORGE_FONTS");
    if (env != nullptr && std::strcmp(env, "system") == 0) return;
    try {
      std::thread([] { default_font_set(); }).detach();
    } catch (const std::system_error&) {
      // No thread: default_font_set() builds the subset when first asked.
    }
  });
}

FcConfig* system_config_in_place_of_subset() {
  default_font_set();
  return system_config();
}

FcConfig* fontconfig_of(FontSet set) {
  default_font_set();  // first: makes the subset current when it is the default
  if (set == FontSet::kFast) {
    Fast* f = fast_fonts(false);
    return f != nullptr ? f->config : system_config();
  }
  return system_config();
}

void substitute_map_rules(FcConfig* config, FcPattern* pattern) {
  if (config != nullptr && config != FcConfigGetCurrent()) FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcValue v;
  if (FcPatternGet(pattern, FC_HINTING, 0, &v) == FcResultNoMatch) FcPatternAddBool(pattern, FC_HINTING, FcFalse);
  if (FcPatternGet(pattern, FC_HINT_STYLE, 0, &v) == FcResultNoMatch) {
    FcPatternAddInteger(pattern, FC_HINT_STYLE, FC_HINT_NONE);
  }
}


void substitute_for_font_map(FcConfig* config, FcPattern* pattern) {
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);  // PangoFT2 applies the current rules
  substitute_map_rules(config, pattern);
  FcValue v;
  if (FcPatternGet(pattern, FC_DPI, 0, &v) == FcResultNoMatch) FcPatternAddDouble(pattern, FC_DPI, 72.0);
  FcDefaultSubstitute(pattern);
}

CharCoverage::CharCoverage(const FcCharSet* chars) {
  Page page{};
  FcChar32 next = 0;
  for (FcChar32 base = FcCharSetFirstPage(chars, page.bits, &next); base != FC_CHARSET_DONE;
       base = FcCharSetNextPage(chars, page.bits, &next)) {
    page.base = base;
    pages_.push_back(page);
  }
}

bool CharCoverage::has(std::uint32_t c) const {
  std::uint32_t base = c & ~0xFFu;
  auto it = std::lower_bound(pages_.begin(), pages_.end(), base,
                             [](const Page& p, std::uint32_t b) { return p.base < b; });
  if (it == pages_.end() || it->base != base) return false;
  return (it->bits[(c & 0xFF) >> 5] >> (c & 31)) & 1;
}

std::vector<std::uint32_t> CharCoverage::chars() const {
  std::vector<std::uint32_t> out;
  for (const Page& p : pages_) {
    for (std::uint32_t i = 0; i < 256; ++i) {
      if ((p.bits[i >> 5] >> (i & 31)) & 1) out.push_back(p.base + i);
    }
  }
  return out;
}

const CharCoverage* fast_set_chars(const std::vector<std::string>& family_lists) {
  Fast* f = fast_fonts(false);
  if (f == nullptr || family_lists.empty()) return nullptr;
  std::string key;
  for (const std::string& list : family_lists) key += list + '\n';
  std::lock_guard<std::mutex> lock(f->mutex);
  auto it = f->covered.find(key);
  if (it != f->covered.end()) return it->second.get();
  FcCharSet* all = nullptr;
  for (const std::string& list : family_lists) {
    FcCharSet* cs = chars_of(f, list);
    if (cs == nullptr) {
      if (all != nullptr) FcCharSetDestroy(all);
      all = nullptr;
      break;
    }
    if (all == nullptr) {
      all = cs;
    } else {
      FcCharSet* both = FcCharSetIntersect(all, cs);
      FcCharSetDestroy(all);
      FcCharSetDestroy(cs);
      all = both;
    }
  }
  for (FcChar32 c = 0x20; all != nullptr && c < 0x7F; ++c) {
    if (!FcCharSetHasChar(all, c)) {  // has_chars takes printable ASCII for granted
      FcCharSetDestroy(all);
      all = nullptr;
    }
  }
  std::unique_ptr<CharCoverage> coverage;
  if (all != nullptr) {
    coverage = std::make_unique<CharCoverage>(all);
    FcCharSetDestroy(all);
  }
  const CharCoverage* out = coverage.get();
  f->covered.emplace(std::move(key), std::move(coverage));  // kept for the process
  return out;
}

bool pattern_of_families(FcPattern* pattern, const std::vector<std::string>& family_lists) {
  FcChar8* name = nullptr;
  for (int n = 0; FcPatternGetString(pattern, FC_FAMILY, n, &name) == FcResultMatch; ++n) {
    std::string family = normalize(reinterpret_cast<const char*>(name));
    for (std::string_view list : family_lists) {
      while (!list.empty()) {
        std::size_t comma = list.find(',');
        if (normalize(list.substr(0, comma)) == family) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
      }
    }
  }
  return false;
}

bool has_chars(const CharCoverage* chars, std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    if (static_cast<unsigned char>(*p) < 0x80) {  // ASCII: fast_set_chars made sure of it
      ++p;
      continue;
    }
    gunichar c = g_utf8_get_char_validated(p, end - p);
    if (c == static_cast<gunichar>(-1) || c == static_cast<gunichar>(-2)) return false;
    p = g_utf8_next_char(p);
    if (chars->has(c)) continue;
    GUnicodeType type = g_unichar_type(c);
    if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT || g_unichar_iszerowidth(c)) continue;
    return false;
  }
  return true;
}

}  // namespace docforge::document::pdf
