#include "document/markdown.h"

#include <gtest/gtest.h>

#include "document/front_matter.h"

namespace docforge::document {
namespace {

TEST(Markdown, HeadingsGetUniqueSlugs) {
  auto doc = parse_markdown("# Hello, World!\n\n## Hello World\n\n## Hello World\n");
  ASSERT_EQ(doc.blocks.size(), 3u);
  EXPECT_EQ(doc.blocks[0].id, "hello-world");
  EXPECT_EQ(doc.blocks[1].id, "hello-world-1");
  EXPECT_EQ(doc.blocks[2].id, "hello-world-2");
}

TEST(Markdown, TablesKeepAlignmentAndCells) {
  auto doc = parse_markdown("| a | b |\n|:--|--:|\n| 1 | **2** |\n");
  ASSERT_EQ(doc.blocks.size(), 1u);
  const Block& t = doc.blocks[0];
  ASSERT_EQ(t.kind, BlockKind::kTable);
  EXPECT_EQ(t.header_rows, 1);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.aligns[0], Align::kLeft);
  EXPECT_EQ(t.aligns[1], Align::kRight);
  EXPECT_EQ(plain_text(t.rows[1][1].content), "2");
  EXPECT_EQ(t.rows[1][1].content[0].kind, InlineKind::kStrong);
}

TEST(Markdown, TightListItemsAndTasks) {
  auto doc = parse_markdown("- [x] done\n- [ ] todo\n  - nested\n");
  ASSERT_EQ(doc.blocks.size(), 1u);
  const Block& list = doc.blocks[0];
  ASSERT_EQ(list.children.size(), 2u);
  EXPECT_EQ(list.children[0].task, 'x');
  EXPECT_EQ(list.children[1].task, ' ');
  ASSERT_EQ(list.children[1].children.size(), 2u);
  EXPECT_EQ(plain_text(list.children[1].children[0].inlines), "todo");
  EXPECT_EQ(list.children[1].children[1].kind, BlockKind::kList);
}

TEST(Markdown, EntitiesAndEscapesDecode) {
  auto doc = parse_markdown("a &amp; b &copy; &#233; \\$5\n");
  EXPECT_EQ(plain_text(doc.blocks[0].inlines), "a & b \xC2\xA9 \xC3\xA9 $5");
}

TEST(Markdown, PageBreakMarkers) {
  auto doc = parse_markdown("one\n\n\\newpage\n\ntwo\n\n<div style=\"page-break-after: always\"></div>\n\nthree\n");
  ASSERT_EQ(doc.blocks.size(), 5u);
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kPageBreak);
  EXPECT_EQ(doc.blocks[3].kind, BlockKind::kPageBreak);
}

TEST(FrontMatter, ReadsSettingsAndBody) {
  std::string md = "---\ntitle: \"Invoice \\\"7\\\"\"\nauthor: 'O''Brien'\nlang: de-DE  # comment\n"
                   "margin:\n  top: 10mm\ntoc: yes\n---\n# Body\n";
  auto split = split_front_matter(md);
  EXPECT_EQ(split.body, "# Body\n");
  auto st = parse_front_matter(split);
  ASSERT_TRUE(st.ok()) << st.error().format();
  EXPECT_EQ(st->title, "Invoice \"7\"");
  EXPECT_EQ(st->author, "O'Brien");
  EXPECT_EQ(st->lang, "de-DE");
  EXPECT_EQ(st->margin_top, "10mm");
  EXPECT_EQ(st->toc, true);
}

TEST(FrontMatter, ErrorsNameTheLine) {
  std::string md = "---\ntitle: ok\nkey: \"unclosed\n---\nbody\n";
  auto st = parse_front_matter(split_front_matter(md));
  ASSERT_FALSE(st.ok());
  // Lines count in the whole input (the front matter starts on line 2).
  EXPECT_GE(st.error().line, 3) << st.error().format();
  EXPECT_EQ(st.error().source_name, "front matter");
}

TEST(FrontMatter, UnclosedBlockIsNotFrontMatter) {
  auto split = split_front_matter("---\nnot closed\n");
  EXPECT_TRUE(split.front_matter.empty());
  EXPECT_EQ(split.body, "---\nnot closed\n");
}

}  // namespace
}  // namespace docforge::document
