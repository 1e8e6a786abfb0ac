#include "document/pdf/hb_subset_api.h"

#include <dlfcn.h>

#include <string>

namespace docforge::document::pdf {
namespace {

template <typename F>
bool resolve(void* lib, const char* name, F* f, std::string* missing) {
  *f = reinterpret_cast<F>(dlsym(lib, name));
  if (*f == nullptr && missing->empty()) *missing = name;
  return *f != nullptr;
}

}  // namespace

Result<HbSubsetApi> load_hb_subset(const char* soname) {
  void* lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    const char* why = dlerror();
    return make_error(ErrorKind::kInternal, std::string("cannot subset CFF/OpenType fonts: ") + soname +
                                                " (HarfBuzz's subsetter) could not be loaded" +
                                                (why != nullptr ? std::string(": ") + why : std::string()));
  }
  HbSubsetApi api;
  std::string missing;
  const bool ok = resolve(lib, "hb_subset_input_create_or_fail", &api.input_create_or_fail, &missing) &&
                  resolve(lib, "hb_subset_input_destroy", &api.input_destroy, &missing) &&
                  resolve(lib, "hb_subset_input_glyph_set", &api.input_glyph_set, &missing) &&
                  resolve(lib, "hb_subset_input_set", &api.input_set, &missing) &&
                  resolve(lib, "hb_subset_input_set_flags", &api.input_set_flags, &missing) &&
                  resolve(lib, "hb_subset_plan_create_or_fail", &api.plan_create_or_fail, &missing) &&
                  resolve(lib, "hb_subset_plan_destroy", &api.plan_destroy, &missing) &&
                  resolve(lib, "hb_subset_plan_old_to_new_glyph_mapping", &api.plan_old_to_new_glyph_mapping,
                          &missing) &&
                  resolve(lib, "hb_subset_plan_execute_or_fail", &api.plan_execute_or_fail, &missing);
  if (!ok) {
    dlclose(lib);
    return make_error(ErrorKind::kInternal, std::string("cannot subset CFF/OpenType fonts: ") + soname +
                                                " has no function " + missing);
  }
  return api;  // the library stays loaded: the table points into it
}

Result<const HbSubsetApi*> hb_subset_api() {
  static const Result<HbSubsetApi> loaded = load_hb_subset(kHbSubsetSoname);  // once, thread-safe
  if (!loaded.ok()) return loaded.error();
  return &loaded.value();
}

}  // namespace docforge::document::pdf
