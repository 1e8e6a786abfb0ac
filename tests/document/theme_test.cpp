// parse_theme (src/document/theme.h): every kind of value check names the key it failed on.
// The checks are lambdas inside the loop over the theme's keys; they once captured the loop's
// structured binding, which clang before 16 (the fuzz preset's clang-14) does not compile.
#include "document/theme.h"

#include <gtest/gtest.h>

#include <string>

namespace docforge::document {
namespace {

std::string error_of(const std::string& toml) {
  auto theme = parse_theme(toml, "t.toml");
  if (theme.ok()) return "(ok)";
  EXPECT_EQ(theme.error().source_name, "t.toml");
  return theme.error().message;
}

TEST(ThemeTest, ValueErrorsNameTheKey) {
  EXPECT_EQ(error_of("[sizes]\nbody = \"big\"\n"), "'sizes.body' must be a length such as \"20mm\" or 12");
  EXPECT_EQ(error_of("[spacing]\nline_height = true\n"), "'spacing.line_height' must be a number");
  EXPECT_EQ(error_of("[headings]\nbold = \"yes\"\n"), "'headings.bold' must be true or false");
  EXPECT_EQ(error_of("[fonts]\nbody = 12\n"), "'fonts.body' must be a string");
  EXPECT_EQ(error_of("[colors]\ntext = \"blue\"\n"), "'colors.text' must be a colour \"#rrggbb\" or \"none\"");
  EXPECT_EQ(error_of("[fonts]\nbody = [1, 2]\n"), "'fonts.body' must be a string, number or boolean");
  EXPECT_EQ(error_of("[nope]\nx = 1\n"), "unknown theme key 'nope.x'");
  EXPECT_EQ(error_of("[paragraphs]\nalign = \"centre\"\n"), "paragraphs.align must be \"left\" or \"justify\"");
}

TEST(ThemeTest, ValidValuesParse) {
  auto theme = parse_theme("[fonts]\nbody = \"DejaVu Sans\"\n[sizes]\nbody = 11\n[headings]\nbold = false\n", "t.toml");
  ASSERT_TRUE(theme.ok()) << theme.error().format();
  EXPECT_EQ(theme->body_font, "DejaVu Sans");
  EXPECT_EQ(theme->body_size, 11);
  EXPECT_FALSE(theme->heading_bold);
  EXPECT_FALSE(theme->justify);
  auto justified = parse_theme("[paragraphs]\nalign = \"justify\"\n", "t.toml");
  ASSERT_TRUE(justified.ok()) << justified.error().format();
  EXPECT_TRUE(justified->justify);
}

}  // namespace
}  // namespace docforge::document
