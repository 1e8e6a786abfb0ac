// Parser and name resolver: tokens -> resolved AST (ast.h), in one pass.
//
// The grammar and its error messages follow Jinja2 3.1's parser.py. Name resolution follows
// Jinja2's idtracking closely enough for its observable scoping rules: `for` and `with` bodies
// and macros are scopes of their own (assignments inside do not leak), `if` is not, blocks see
// only the context (their own locals aside), top-level assignments are exported to the context.
// A name resolves to the innermost slot declared before it in the source; otherwise to a
// context lookup. A slot declared in an inner scope starts (at scope entry, and at every loop
// iteration) as a copy of the outer value of that name, which is what Jinja2 does.

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "template/builtins.h"
#include "template/lexer.h"
#include "template/template_impl.h"

namespace docforge::tmpl {
namespace {

// The value of a decimal digit string, saturated at INT64_MAX (as strtoll would).
std::int64_t parse_small_int(std::string_view digits) {
  std::int64_t v = 0;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (r.ec == std::errc::result_out_of_range) return INT64_MAX;
  return v;
}

// A few tag or keyword names (the tags that end a body, the names that end a tuple): at most
// three, stored inline so that parsing a body allocates nothing for them.
class NameList {
 public:
  NameList() = default;
  NameList(std::initializer_list<std::string_view> names) {
    for (std::string_view n : names) {
      if (size_ < kMax) names_[size_++] = n;
    }
  }
  const std::string_view* begin() const { return names_; }
  const std::string_view* end() const { return names_ + size_; }
  bool empty() const { return size_ == 0; }

 private:
  static constexpr std::size_t kMax = 3;
  std::string_view names_[kMax];
  std::size_t size_ = 0;
};

struct ScopeInfo {
  std::vector<std::pair<std::string, std::uint32_t>> names;
  std::vector<SlotInit>* inits = nullptr;
  Stmt* loop_stmt = nullptr;  // for-body scope: marks `loop` use
};

struct FuncInfo {
  Function* fn = nullptr;
  std::vector<ScopeInfo> scopes;
  bool cut = false;          // names of enclosing functions are not visible (blocks)
  bool template_root = false;
  bool is_macro = false;
};

class Parser {
 public:
  Parser(Template::Impl* t, const Environment::Impl& env, Tokens toks)
      : t_(t), env_(env), toks_(std::move(toks.list)), decoded_(std::move(toks.decoded)) {}

  void parse() {
    Function* root = new_function();
    t_->root = root;
    root->autoescape = t_->autoescape;
    FuncInfo fi;
    fi.fn = root;
    fi.template_root = true;
    fi.scopes.push_back(ScopeInfo{{}, &root->inits, nullptr});
    funcs_.push_back(std::move(fi));
    root->body = subparse({});
    funcs_.pop_back();
    if (cur().kind != TokenKind::kEof) fail_here("unexpected token");
  }

 private:
  // ---- token helpers -------------------------------------------------------------------
  const Token& cur() const { return toks_[i_]; }
  const Token& peek(std::size_t n = 1) const {
    return toks_[std::min(i_ + n, toks_.size() - 1)];
  }
  void next() {
    if (i_ + 1 < toks_.size()) ++i_;
  }
  static bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (a[k] != b[k]) return false;
    }
    return true;
  }
  bool is_op(std::string_view op) const {
    const Token& t = toks_[i_];
    return t.kind == TokenKind::kOp && t.opcode == op_code(op);
  }
  bool is_name(std::string_view n) const {
    const Token& t = toks_[i_];
    return t.kind == TokenKind::kName && same(t.text, n);
  }
  bool skip_op(std::string_view op) {
    if (is_op(op)) {
      next();
      return true;
    }
    return false;
  }
  bool skip_name(std::string_view n) {
    if (is_name(n)) {
      next();
      return true;
    }
    return false;
  }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case TokenKind::kName:
      case TokenKind::kOp:
      case TokenKind::kInt:
      case TokenKind::kFloat: return std::string(t.text);
      case TokenKind::kString: return "string";
      case TokenKind::kData: return "template data / text";
      case TokenKind::kBlockBegin: return "begin of statement block";
      case TokenKind::kBlockEnd: return "end of statement block";
      case TokenKind::kVarBegin: return "begin of print statement";
      case TokenKind::kVarEnd: return "end of print statement";
      case TokenKind::kEof: return "end of template";
    }
    return "?";
  }

  std::uint32_t eof_offset() const {
    // Jinja2 reports end-of-template errors at the line of the last token.
    if (toks_.size() >= 2) return toks_[toks_.size() - 2].offset;
    return 0;
  }

  [[noreturn]] void fail_at(std::uint32_t offset, std::string msg) {
    Error e = make_error(ErrorKind::kSyntax, std::move(msg));
    e.line = t_->lines.line_of(offset);
    e.column = t_->lines.column_of(offset);
    e.source_line = std::string(t_->lines.line_text(e.line));
    throw TemplateError{std::move(e)};
  }
  [[noreturn]] void fail_here(std::string msg) {
    std::uint32_t off = cur().kind == TokenKind::kEof ? eof_offset() : cur().offset;
    fail_at(off, std::move(msg));
  }
  [[noreturn]] void fail_unexpected() {
    if (cur().kind == TokenKind::kEof) fail_here("unexpected end of template");
    fail_here(fmt::format("unexpected '{}'", describe(cur())));
  }

  void expect_op(std::string_view op) {
    if (!skip_op(op)) {
      if (cur().kind == TokenKind::kEof) {
        fail_here(fmt::format("unexpected end of template, expected '{}'.", op));
      }
      fail_here(fmt::format("expected token '{}', got '{}'", op, describe(cur())));
    }
  }
  std::string expect_name() {
    if (cur().kind != TokenKind::kName) {
      if (cur().kind == TokenKind::kEof) {
        fail_here("unexpected end of template, expected 'name'.");
      }
      fail_here(fmt::format("expected token 'name', got '{}'", describe(cur())));
    }
    std::string n(cur().text);
    next();
    return n;
  }
  // Statements that open a body accept a trailing ':' (Jinja2's parse_statements).
  void expect_body_start() {
    skip_op(":");
    expect_block_end();
  }
  void expect_block_end() {
    if (cur().kind == TokenKind::kBlockEnd) {
      next();
      return;
    }
    if (cur().kind == TokenKind::kEof) {
      fail_here("unexpected end of template, expected 'end of statement block'.");
    }
    fail_here(fmt::format("expected token 'end of statement block', got '{}'",
                          describe(cur())));
  }

  // ---- node construction -----------------------------------------------------------------
  Expr* new_expr(ExprKind k, std::uint32_t offset) {
    Expr& e = t_->exprs.emplace_back();
    e.kind = k;
    e.offset = offset;
    return &e;
  }
  Stmt* new_stmt(StmtKind k, std::uint32_t offset) {
    Stmt& s = t_->stmts.emplace_back();
    s.kind = k;
    s.offset = offset;
    return &s;
  }
  Function* new_function() { return &t_->functions.emplace_back(); }

  // ---- scopes ----------------------------------------------------------------------------
  FuncInfo& func() { return funcs_.back(); }

  // Finds `name` in the function chain; depth counts closure hops.
  bool find_local(std::string_view name, std::uint16_t* depth, std::uint32_t* slot) {
    std::uint16_t d = 0;
    for (std::size_t f = funcs_.size(); f-- > 0;) {
      FuncInfo& fi = funcs_[f];
      for (std::size_t s = fi.scopes.size(); s-- > 0;) {
        ScopeInfo& sc = fi.scopes[s];
        for (std::size_t k = sc.names.size(); k-- > 0;) {
          if (same(sc.names[k].first, name)) {
            *depth = d;
            *slot = sc.names[k].second;
            if (sc.loop_stmt != nullptr && same(name, "loop") &&
                sc.loop_stmt->loop_slot == sc.names[k].second) {
              sc.loop_stmt->uses_loop = true;
            }
            return true;
          }
        }
      }
      if (fi.cut) return false;
      ++d;
    }
    return false;
  }

  std::uint32_t declare_in(FuncInfo& fi, ScopeInfo& sc, std::string_view name,
                           bool with_init) {
    std::uint32_t slot = fi.fn->num_slots++;
    if (with_init) {
      SlotInit init;
      init.slot = slot;
      std::uint16_t d = 0;
      std::uint32_t s = 0;
      if (find_local(name, &d, &s)) {
        init.kind = SlotInit::Kind::kCopy;
        init.src_depth = d;
        init.src_slot = s;
      } else {
        init.kind = SlotInit::Kind::kResolve;
        init.name = name;
        init.missing = Value::undefined(name);
      }
      sc.inits->push_back(std::move(init));
    }
    sc.names.emplace_back(std::string(name), slot);
    return slot;
  }

  // A store to `name` in the innermost scope.
  Target store_target(const std::string& name) {
    FuncInfo& fi = func();
    ScopeInfo& sc = fi.scopes.back();
    Target t;
    t.kind = Target::Kind::kSlot;
    t.name = name;
    t.exported = fi.template_root && fi.scopes.size() == 1;
    for (auto& [n, s] : sc.names) {
      if (n == name) {
        t.slot = s;
        return t;
      }
    }
    t.slot = declare_in(fi, sc, name, !no_init_);
    return t;
  }

  Expr* load_name(std::string_view name, std::uint32_t offset) {
    std::uint16_t d = 0;
    std::uint32_t s = 0;
    if (find_local(name, &d, &s)) {
      Expr* e = new_expr(ExprKind::kLocal, offset);
      e->depth = d;
      e->slot = s;
      e->name = name;
      return e;
    }
    FuncInfo& fi = func();
    if (fi.is_macro &&
        (same(name, "caller") || same(name, "varargs") || same(name, "kwargs"))) {
      ScopeInfo& sc = fi.scopes.front();
      std::uint32_t slot = declare_in(fi, sc, name, false);
      if (same(name, "caller")) {
        fi.fn->caller = true;
        fi.fn->caller_slot = slot;
      } else if (same(name, "varargs")) {
        fi.fn->catch_varargs = true;
        fi.fn->varargs_slot = slot;
      } else {
        fi.fn->catch_kwargs = true;
        fi.fn->kwargs_slot = slot;
      }
      Expr* e = new_expr(ExprKind::kLocal, offset);
      e->slot = slot;
      e->name = name;
      return e;
    }
    if (same(name, "self")) return new_expr(ExprKind::kSelf, offset);
    Expr* e = new_expr(ExprKind::kFree, offset);
    e->name = name;
    return e;
  }

  void collect_visible(Stmt* s) {
    std::vector<std::string> seen;
    std::uint16_t d = 0;
    for (std::size_t f = funcs_.size(); f-- > 0;) {
      FuncInfo& fi = funcs_[f];
      for (std::size_t k = fi.scopes.size(); k-- > 0;) {
        for (std::size_t j = fi.scopes[k].names.size(); j-- > 0;) {
          const auto& [n, slot] = fi.scopes[k].names[j];
          if (std::find(seen.begin(), seen.end(), n) != seen.end()) continue;
          seen.push_back(n);
          s->visible.emplace_back(n, d, slot);
        }
      }
      if (fi.cut) break;
      ++d;
    }
  }

  // ---- statements ------------------------------------------------------------------------
  struct EndTags {
    NameList names;
    std::string_view block;  // innermost block needing closure
  };

  [[noreturn]] void fail_unknown_tag(const std::string& name, std::uint32_t offset,
                                     bool eof) {
    std::string msg = eof ? "Unexpected end of template."
                          : fmt::format("Encountered unknown tag '{}'.", name);
    // Jinja2 lists the end tags of every open block, innermost first.
    std::vector<std::string_view> expected;
    std::string_view innermost;
    for (std::size_t k = end_stack_.size(); k-- > 0;) {
      if (innermost.empty()) innermost = end_stack_[k].block;
      for (auto n : end_stack_[k].names) expected.push_back(n);
      break;
    }
    if (!expected.empty()) {
      std::string list;
      for (std::size_t k = 0; k < expected.size(); ++k) {
        if (k > 0) list += k + 1 == expected.size() ? " or " : ", ";
        list += fmt::format("'{}'", expected[k]);
      }
      msg += fmt::format(
          " Jinja was looking for the following tags: {}. The innermost block that needs to "
          "be closed is '{}'.",
          list, innermost);
    } else if (eof) {
      msg = "unexpected end of template";
    }
    fail_at(offset, msg);
  }

  // Parses statements until one of `end` tags (the tag name token is left current and the
  // block-begin consumed) or EOF (only allowed when `end` is empty).
  Body subparse(const NameList& end) {
    Body body;
    while (true) {
      const Token& t = cur();
      switch (t.kind) {
        case TokenKind::kData: {
          Stmt* s = new_stmt(StmtKind::kData, t.offset);
          s->text = t.value;  // a slice of the template source
          body.push_back(s);
          next();
          break;
        }
        case TokenKind::kVarBegin: {
          std::uint32_t off = t.offset;
          next();
          Expr* e = parse_tuple(false, true, false);
          if (cur().kind != TokenKind::kVarEnd) {
            if (cur().kind == TokenKind::kEof) {
              fail_here("unexpected end of template, expected 'end of print statement'.");
            }
            fail_here(fmt::format("expected token 'end of print statement', got '{}'",
                                  describe(cur())));
          }
          next();
          Stmt* s = new_stmt(StmtKind::kOutput, off);
          s->expr = e;
          s->flag = autoescape_;
          body.push_back(s);
          break;
        }
        case TokenKind::kBlockBegin: {
          next();
          if (cur().kind != TokenKind::kName) {
            if (cur().kind == TokenKind::kEof) fail_unknown_tag("", eof_offset(), true);
            fail_here("tag name expected");
          }
          std::string_view name = cur().text;
          for (auto e : end) {
            if (name == e) return body;
          }
          Stmt* s = parse_statement();
          if (s != nullptr) body.push_back(s);
          break;
        }
        case TokenKind::kEof:
          if (!end.empty()) fail_unknown_tag("", eof_offset(), true);
          return body;
        default:
          fail_unexpected();
      }
    }
  }

  Body parse_body(std::string_view block, NameList end) {
    end_stack_.push_back(EndTags{end, block});
    Body b = subparse(end);
    end_stack_.pop_back();
    return b;
  }

  Stmt* parse_statement() {
    DepthGuard guard(this);
    const Token& t = cur();
    std::string_view name = t.text;
    std::uint32_t off = t.offset;
    static constexpr std::pair<std::string_view, Stmt* (Parser::*)()> kTags[] = {
        {"for", &Parser::parse_for},         {"if", &Parser::parse_if},
        {"set", &Parser::parse_set},         {"macro", &Parser::parse_macro},
        {"call", &Parser::parse_call_block}, {"filter", &Parser::parse_filter_block},
        {"with", &Parser::parse_with},       {"include", &Parser::parse_include},
        {"import", &Parser::parse_import},   {"from", &Parser::parse_from},
        {"extends", &Parser::parse_extends}, {"block", &Parser::parse_block},
        {"autoescape", &Parser::parse_autoescape}};
    for (const auto& [tag, parse_tag] : kTags) {
      if (same(name, tag)) return (this->*parse_tag)();
    }
    if (same(name, "print")) {
      next();
      Stmt* s = new_stmt(StmtKind::kOutput, off);
      s->expr = parse_tuple(false, true, false);
      s->flag = autoescape_;
      expect_block_end();
      return s;
    }
    fail_unknown_tag(std::string(name), off, false);
  }

  Stmt* parse_for() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kFor, off);
    // Target names are declared in the body scope; parse them first as raw names.
    std::size_t target_tok = i_;
    skip_target();
    if (!skip_name("in")) {
      fail_here(fmt::format("expected token 'in', got '{}'", describe(cur())));
    }
    s->expr = parse_tuple(false, false, false);
    // Body scope.
    FuncInfo& fi = func();
    fi.scopes.push_back(ScopeInfo{{}, &s->scope_inits, s});
    std::size_t after_iter = i_;
    i_ = target_tok;
    no_init_ = true;
    s->target = parse_assign_target(true);
    no_init_ = false;
    i_ = after_iter;
    {
      ScopeInfo& sc = func().scopes.back();
      s->loop_slot = declare_in(func(), sc, "loop", false);
    }
    if (skip_name("if")) {
      // The filter cannot use `loop`.
      ScopeInfo& sc = func().scopes.back();
      auto saved = sc.names;
      sc.names.erase(std::remove_if(sc.names.begin(), sc.names.end(),
                                    [](const auto& p) { return p.first == "loop"; }),
                     sc.names.end());
      s->cond = parse_expression(true);
      sc.names = saved;
    }
    s->recursive = skip_name("recursive");
    expect_body_start();
    s->body = parse_body("for", {"endfor", "else"});
    func().scopes.pop_back();
    if (skip_name("else")) {
      expect_body_start();
      s->else_body = parse_body("for", {"endfor"});
    }
    next();  // endfor
    expect_block_end();
    return s;
  }

  void skip_target() {
    // name | name, name | (name, name) ...
    int depth = 0;
    while (cur().kind != TokenKind::kEof && cur().kind != TokenKind::kBlockEnd) {
      if (depth == 0 && is_name("in")) return;
      if (is_op("(")) ++depth;
      if (is_op(")")) --depth;
      next();
    }
  }

  // A name, namespace attribute (allow_ns) or, with_tuple, a comma-separated tuple of them
  // (parenthesised ones nest). As in Jinja2 3.1, a trailing comma is allowed only before the end
  // of the tag or a ')': `{% set a, = x %}` and `{% for a, in x %}` are errors.
  Target parse_assign_target(bool with_tuple, bool allow_ns = false) {
    std::vector<Target> items;
    bool is_tuple = false;
    while (true) {
      Target one;
      if (skip_op("(")) {
        one = parse_assign_target(true);
        expect_op(")");
      } else {
        std::uint32_t off = cur().offset;
        std::string n = expect_name();
        if (allow_ns && is_op(".")) {
          next();
          std::string attr = expect_name();
          one.kind = Target::Kind::kNamespaceAttr;
          one.name = attr;
          one.object = load_name(n, off);
        } else {
          if (n == "true" || n == "false" || n == "none" || n == "True" || n == "False" ||
              n == "None" || n == "loop") {
            if (n != "loop") fail_at(off, fmt::format("Can't assign to constant '{}'", n));
          }
          one = store_target(n);
        }
      }
      items.push_back(std::move(one));
      if (!with_tuple || !is_op(",")) break;
      next();
      is_tuple = true;
      if (tuple_end()) break;
    }
    if (!is_tuple) return std::move(items[0]);
    Target t;
    t.kind = Target::Kind::kTuple;
    t.items = std::move(items);
    return t;
  }

  Stmt* parse_if() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kIf, off);
    s->expr = parse_tuple(false, true, false);
    expect_body_start();
    s->body = parse_body("if", {"elif", "else", "endif"});
    if (is_name("elif")) {
      Stmt* inner = parse_if();  // consumes through endif
      s->else_body.push_back(inner);
      return s;
    }
    if (skip_name("else")) {
      expect_body_start();
      s->else_body = parse_body("if", {"endif"});
    }
    next();  // endif
    expect_block_end();
    return s;
  }

  Stmt* parse_set() {
    std::uint32_t off = cur().offset;
    next();
    // Parse the target tokens after the value (the value sees the old binding).
    std::size_t target_tok = i_;
    // skip target
    while (cur().kind != TokenKind::kEof && cur().kind != TokenKind::kBlockEnd && !is_op("=") &&
           !is_op("|")) {
      next();
    }
    if (skip_op("=")) {
      Stmt* s = new_stmt(StmtKind::kSet, off);
      s->expr = parse_tuple(false, true, false);
      std::size_t end_tok = i_;
      i_ = target_tok;
      s->target = parse_assign_target(true, true);
      if (!is_op("=")) fail_here(fmt::format("expected token '=', got '{}'", describe(cur())));
      i_ = end_tok;
      expect_block_end();
      return s;
    }
    // Block set.
    Stmt* s = new_stmt(StmtKind::kSetBlock, off);
    std::size_t after = i_;
    i_ = target_tok;
    std::size_t tstart = i_;
    (void)tstart;
    // Target declared after the body (the body sees the old binding).
    i_ = after;
    if (is_op("|")) s->expr = parse_filter_chain(nullptr);
    expect_block_end();
    s->body = parse_body("set", {"endset"});
    next();
    expect_block_end();
    std::size_t end_tok = i_;
    i_ = target_tok;
    s->target = parse_assign_target(false, true);
    i_ = end_tok;
    return s;
  }

  // Parses a macro signature and body into a new function. Returns it.
  Function* parse_function(const std::string& name, bool is_caller, std::uint32_t off,
                           std::string_view block, std::string_view end) {
    func().fn->closure = true;
    Function* fn = new_function();
    fn->name = name;
    fn->offset = off;
    fn->autoescape = autoescape_;
    FuncInfo fi;
    fi.fn = fn;
    fi.is_macro = true;
    fi.scopes.push_back(ScopeInfo{{}, &fn->inits, nullptr});
    // Defaults are evaluated in the enclosing scope at call time in Jinja2; we evaluate them
    // inside the macro frame, where earlier parameters are visible (as Jinja2 does).
    std::vector<std::pair<std::string, std::uint32_t>> pending;
    bool has_sig = false;
    if (skip_op("(")) {
      has_sig = true;
      funcs_.push_back(std::move(fi));
      while (!is_op(")")) {
        if (!fn->params.empty()) expect_op(",");
        std::uint32_t poff = cur().offset;
        std::string pname = expect_name();
        Param p;
        p.name = pname;
        if (skip_op("=")) {
          p.default_value = parse_expression(true);
        } else if (!fn->params.empty() && fn->params.back().default_value != nullptr) {
          fail_at(poff, "non-default argument follows default argument");
        }
        ScopeInfo& sc = func().scopes.front();
        p.slot = declare_in(func(), sc, pname, false);
        fn->params.push_back(std::move(p));
      }
      next();
    } else {
      funcs_.push_back(std::move(fi));
    }
    (void)has_sig;
    (void)is_caller;
    expect_block_end();
    fn->body = parse_body(block, {end});
    funcs_.pop_back();
    next();  // end tag name
    if (!is_caller && cur().kind == TokenKind::kName) next();  // {% endmacro name %}
    expect_block_end();
    return fn;
  }

  Stmt* parse_macro() {
    std::uint32_t off = cur().offset;
    next();
    std::string name = expect_name();
    Stmt* s = new_stmt(StmtKind::kMacro, off);
    if (!is_op("(")) fail_here(fmt::format("expected token '(', got '{}'", describe(cur())));
    s->function = parse_function(name, false, off, "macro", "endmacro");
    s->target = store_target(name);
    return s;
  }

  Stmt* parse_call_block() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kCallBlock, off);
    // `{% call(args) expr %}`: the caller signature comes first.
    std::size_t sig_start = i_;
    if (is_op("(")) {
      int depth = 0;
      do {
        if (is_op("(")) ++depth;
        if (is_op(")")) --depth;
        next();
      } while (depth > 0 && cur().kind != TokenKind::kEof);
    }
    s->expr = parse_expression(true);
    if (s->expr->kind != ExprKind::kCall) fail_at(off, "expected call");
    std::size_t after = i_;
    // Re-parse with the signature: position at signature, parse function with body.
    i_ = sig_start;
    Function* fn = nullptr;
    if (is_op("(")) {
      // parse_function consumes signature then expects block end; splice the call tokens by
      // parsing the signature, then skipping the call expression.
      func().fn->closure = true;
      fn = new_function();
      fn->name = "caller";
      fn->offset = off;
      fn->autoescape = autoescape_;
      FuncInfo fi;
      fi.fn = fn;
      fi.is_macro = true;
      fi.scopes.push_back(ScopeInfo{{}, &fn->inits, nullptr});
      funcs_.push_back(std::move(fi));
      next();
      while (!is_op(")")) {
        if (!fn->params.empty()) expect_op(",");
        std::string pname = expect_name();
        Param p;
        p.name = pname;
        if (skip_op("=")) p.default_value = parse_expression(true);
        ScopeInfo& sc = func().scopes.front();
        p.slot = declare_in(func(), sc, pname, false);
        fn->params.push_back(std::move(p));
      }
      i_ = after;
      expect_block_end();
      fn->body = parse_body("call", {"endcall"});
      funcs_.pop_back();
      next();
      expect_block_end();
    } else {
      i_ = after;
      fn = parse_function("caller", true, off, "call", "endcall");
    }
    s->function = fn;
    return s;
  }

  Expr* parse_filter_chain(Expr* subject) {
    Expr* e = subject;
    while (skip_op("|")) e = parse_filter(e, false);
    return e;
  }

  Stmt* parse_filter_block() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kFilterBlock, off);
    Expr* e = parse_filter(nullptr, true);
    e = parse_filter_chain(e);
    s->expr = e;
    expect_body_start();
    func().scopes.push_back(ScopeInfo{{}, &s->scope_inits, nullptr});
    s->body = parse_body("filter", {"endfilter"});
    func().scopes.pop_back();
    next();
    expect_block_end();
    return s;
  }

  Stmt* parse_with() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kWith, off);
    std::vector<std::pair<std::size_t, Expr*>> pending;  // target token index, value
    while (cur().kind != TokenKind::kBlockEnd) {
      if (!pending.empty()) expect_op(",");
      std::size_t tt = i_;
      // skip target
      while (cur().kind != TokenKind::kEof && !is_op("=")) next();
      expect_op("=");
      Expr* v = parse_expression(true);
      pending.emplace_back(tt, v);
    }
    std::size_t after = i_;
    func().scopes.push_back(ScopeInfo{{}, &s->scope_inits, nullptr});
    for (auto& [tt, v] : pending) {
      i_ = tt;
      no_init_ = true;
      Target t = parse_assign_target(true);
      no_init_ = false;
      s->assigns.emplace_back(std::move(t), v);
    }
    i_ = after;
    expect_block_end();
    s->body = parse_body("with", {"endwith"});
    func().scopes.pop_back();
    next();
    expect_block_end();
    return s;
  }

  void parse_context_modifier(Stmt* s, bool default_with) {
    s->with_context = default_with;
    if ((is_name("with") || is_name("without")) && peek().kind == TokenKind::kName &&
        peek().text == "context") {
      s->with_context = is_name("with");
      next();
      next();
    }
  }

  Stmt* parse_include() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kInclude, off);
    s->expr = parse_expression(true);
    if (is_name("ignore") && peek().kind == TokenKind::kName && peek().text == "missing") {
      s->flag = true;
      next();
      next();
    }
    parse_context_modifier(s, true);
    collect_visible(s);
    expect_block_end();
    return s;
  }

  Stmt* parse_import() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kImport, off);
    s->expr = parse_expression(true);
    if (!skip_name("as")) fail_here(fmt::format("expected token 'as', got '{}'", describe(cur())));
    std::string n = expect_name();
    parse_context_modifier(s, false);
    if (s->with_context) collect_visible(s);
    s->target = store_target(n);
    expect_block_end();
    return s;
  }

  Stmt* parse_from() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kFromImport, off);
    s->expr = parse_expression(true);
    if (!skip_name("import")) {
      fail_here(fmt::format("expected token 'import', got '{}'", describe(cur())));
    }
    std::vector<std::pair<std::string, std::string>> names;
    // Jinja2's parse_from: after a comma only a name or `with/without context` may follow.
    while (true) {
      if (!names.empty() && !skip_op(",")) break;
      if ((is_name("with") || is_name("without")) && peek().kind == TokenKind::kName &&
          peek().text == "context") {
        break;
      }
      std::uint32_t noff = cur().offset;
      std::string n = expect_name();
      if (!n.empty() && n[0] == '_') fail_at(noff, "names starting with an underline can not be imported");
      std::string alias = n;
      if (skip_name("as")) alias = expect_name();
      names.emplace_back(n, alias);
    }
    parse_context_modifier(s, false);
    if (s->with_context) collect_visible(s);
    for (auto& [n, alias] : names) {
      ImportName in;
      in.name = n;
      in.target = store_target(alias);
      s->names.push_back(std::move(in));
    }
    expect_block_end();
    return s;
  }

  Stmt* parse_extends() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kExtends, off);
    s->expr = parse_expression(true);
    t_->has_extends = true;
    expect_block_end();
    return s;
  }

  Stmt* parse_block() {
    std::uint32_t off = cur().offset;
    next();
    std::string_view name_text = cur().text;  // a slice of the source, as Stmt::text must be
    std::string name = expect_name();
    Stmt* s = new_stmt(StmtKind::kBlock, off);
    s->text = name_text;
    BlockDef def;
    def.name = name;
    if (skip_name("scoped")) def.scoped = true;
    if (skip_name("required")) def.required = true;
    if (skip_name("scoped")) def.scoped = true;
    if (t_->find_block(name) != nullptr) {
      fail_at(off, fmt::format("block '{}' defined twice", name));
    }
    s->flag = def.scoped;
    if (def.scoped) collect_visible(s);
    expect_block_end();
    Function* fn = new_function();
    fn->name = name;
    fn->offset = off;
    fn->autoescape = autoescape_;
    FuncInfo fi;
    fi.fn = fn;
    fi.cut = true;
    fi.scopes.push_back(ScopeInfo{{}, &fn->inits, nullptr});
    funcs_.push_back(std::move(fi));
    fn->body = parse_body("block", {"endblock"});
    funcs_.pop_back();
    next();
    if (cur().kind == TokenKind::kName) {
      if (cur().text != name) {
        fail_here(fmt::format("mismatching name in endblock: expected '{}', got '{}'", name,
                              cur().text));
      }
      next();
    }
    expect_block_end();
    if (def.required) {
      for (Stmt* b : fn->body) {
        if (b->kind != StmtKind::kData ||
            b->text.find_first_not_of(" \t\n\r\v\f") != std::string_view::npos) {
          fail_at(off, "Required blocks can only contain comments or whitespace");
        }
      }
    }
    def.function = fn;
    t_->blocks.push_back(std::move(def));
    s->function = fn;
    return s;
  }

  Stmt* parse_autoescape() {
    std::uint32_t off = cur().offset;
    next();
    Stmt* s = new_stmt(StmtKind::kAutoescape, off);
    Expr* e = parse_expression(true);
    bool val = false;
    if (e->kind == ExprKind::kConst) {
      val = e->value.truthy();
    } else {
      fail_at(off, "autoescape requires a constant value");
    }
    expect_block_end();
    bool saved = autoescape_;
    autoescape_ = val;
    s->flag = val;
    s->body = parse_body("autoescape", {"endautoescape"});
    autoescape_ = saved;
    next();
    expect_block_end();
    return s;
  }

  // ---- expressions -----------------------------------------------------------------------
  Expr* parse_expression(bool with_condexpr) {
    return with_condexpr ? parse_condexpr() : parse_or();
  }

  Expr* parse_condexpr() {
    std::uint32_t off = cur().offset;
    Expr* e = parse_or();
    while (skip_name("if")) {
      Expr* cond = parse_or();
      Expr* other = nullptr;
      if (skip_name("else")) other = parse_condexpr();
      Expr* c = new_expr(ExprKind::kCondExpr, off);
      c->kids = {cond, e, other};
      e = c;
    }
    return e;
  }

  // operand (keyword operand)*, grouped to the left: `a or b or c` is `(a or b) or c`.
  Expr* parse_keyword_chain(std::string_view keyword, ExprKind kind, Expr* (Parser::*operand)()) {
    std::uint32_t off = cur().offset;
    Expr* e = (this->*operand)();
    while (skip_name(keyword)) {
      Expr* r = (this->*operand)();
      Expr* n = new_expr(kind, off);
      n->kids = {e, r};
      e = n;
    }
    return e;
  }

  Expr* parse_or() { return parse_keyword_chain("or", ExprKind::kOr, &Parser::parse_and); }
  Expr* parse_and() { return parse_keyword_chain("and", ExprKind::kAnd, &Parser::parse_not); }

  Expr* parse_not() {
    if (is_name("not")) {
      std::uint32_t off = cur().offset;
      next();
      Expr* n = new_expr(ExprKind::kNot, off);
      n->kids = {parse_not()};
      return n;
    }
    return parse_compare();
  }

  Expr* parse_compare() {
    std::uint32_t off = cur().offset;
    Expr* e = parse_math1();
    Expr* cmp = nullptr;
    while (true) {
      CmpOp op;
      if (is_op("==")) op = CmpOp::kEq;
      else if (is_op("!=")) op = CmpOp::kNe;
      else if (is_op("<")) op = CmpOp::kLt;
      else if (is_op("<=")) op = CmpOp::kLe;
      else if (is_op(">")) op = CmpOp::kGt;
      else if (is_op(">=")) op = CmpOp::kGe;
      else if (is_name("in")) op = CmpOp::kIn;
      else if (is_name("not") && peek().kind == TokenKind::kName && peek().text == "in") {
        next();
        op = CmpOp::kNotIn;
      } else {
        break;
      }
      next();
      if (cmp == nullptr) {
        cmp = new_expr(ExprKind::kCompare, off);
        cmp->kids.push_back(e);
      }
      cmp->cmp_ops.push_back(op);
      cmp->kids.push_back(parse_math1());
    }
    return cmp != nullptr ? cmp : e;
  }

  Expr* binary(BinaryOp op, Expr* a, Expr* b, std::uint32_t off) {
    Expr* n = new_expr(ExprKind::kBinary, off);
    n->op = static_cast<std::uint8_t>(op);
    n->kids = {a, b};
    return n;
  }

  Expr* parse_math1() {
    std::uint32_t off = cur().offset;
    Expr* e = parse_concat();
    while (is_op("+") || is_op("-")) {
      BinaryOp op = is_op("+") ? BinaryOp::kAdd : BinaryOp::kSub;
      next();
      e = binary(op, e, parse_concat(), off);
    }
    return e;
  }

  Expr* parse_concat() {
    std::uint32_t off = cur().offset;
    Expr* e = parse_math2();
    if (!is_op("~")) return e;
    Expr* n = new_expr(ExprKind::kConcat, off);
    n->kids.push_back(e);
    while (skip_op("~")) n->kids.push_back(parse_math2());
    bool all_const = true;
    for (const Expr* k : n->kids) all_const = all_const && is_foldable(k);
    if (all_const) n->op = 1;
    return n;
  }

  // Whether Jinja2's optimizer would fold `e` to a constant (literals and filters of them).
  static bool is_foldable(const Expr* e) {
    switch (e->kind) {
      case ExprKind::kConst:
        return true;
      case ExprKind::kFilter:
        if (e->native != nullptr || !e->kwargs.empty() || e->dyn_args || e->dyn_kwargs) {
          return false;
        }
        for (const Expr* k : e->kids) {
          if (k == nullptr || !is_foldable(k)) return false;
        }
        return true;
      case ExprKind::kList:
      case ExprKind::kTuple:
      case ExprKind::kDict:
        for (const Expr* k : e->kids) {
          if (!is_foldable(k)) return false;
        }
        return true;
      default:
        return false;
    }
  }

  Expr* parse_math2() {
    std::uint32_t off = cur().offset;
    Expr* e = parse_pow();
    while (true) {
      BinaryOp op;
      if (is_op("*")) op = BinaryOp::kMul;
      else if (is_op("/")) op = BinaryOp::kDiv;
      else if (is_op("//")) op = BinaryOp::kFloorDiv;
      else if (is_op("%")) op = BinaryOp::kMod;
      else break;
      next();
      e = binary(op, e, parse_pow(), off);
    }
    return e;
  }

  Expr* parse_pow() {
    std::uint32_t off = cur().offset;
    Expr* e = parse_unary(true);
    while (skip_op("**")) e = binary(BinaryOp::kPow, e, parse_unary(true), off);
    return e;
  }

  struct DepthGuard {
    Parser* p;
    explicit DepthGuard(Parser* parser) : p(parser) {
      if (++p->nesting_ > kMaxNesting) p->fail_here("template nesting too deep");
    }
    ~DepthGuard() { --p->nesting_; }
  };
  static constexpr int kMaxNesting = 200;

  Expr* parse_unary(bool with_filter) {
    DepthGuard guard(this);
    std::uint32_t off = cur().offset;
    Expr* e;
    if (skip_op("-")) {
      e = new_expr(ExprKind::kNeg, off);
      e->kids = {parse_unary(false)};
    } else if (skip_op("+")) {
      e = new_expr(ExprKind::kPos, off);
      e->kids = {parse_unary(false)};
    } else {
      e = parse_primary();
    }
    e = parse_postfix(e);
    if (with_filter) e = parse_filter_expr(e);
    return e;
  }

  Expr* parse_primary() {
    const Token& t = cur();
    std::uint32_t off = t.offset;
    switch (t.kind) {
      case TokenKind::kName: {
        const std::string_view n = t.text;
        Value constant;
        if (same(n, "true") || same(n, "True")) {
          constant = Value::boolean(true);
        } else if (same(n, "false") || same(n, "False")) {
          constant = Value::boolean(false);
        } else if (same(n, "none") || same(n, "None")) {
          constant = Value::none();
        } else {
          next();
          return load_name(n, off);
        }
        next();
        Expr* c = new_expr(ExprKind::kConst, off);
        c->value = std::move(constant);
        return c;
      }
      case TokenKind::kString: {
        std::string s(t.value);
        next();
        while (cur().kind == TokenKind::kString) {
          s += cur().value;
          next();
        }
        Expr* c = new_expr(ExprKind::kConst, off);
        c->value = Value::string(std::move(s));
        return c;
      }
      case TokenKind::kInt: {
        Expr* c = new_expr(ExprKind::kConst, off);
        std::string_view digits = t.value;
        if (digits.size() < 19) {
          c->value = Value::integer(parse_small_int(digits));
        } else {
          BigInt b;
          BigInt::parse(digits, &b);
          c->value = Value::big_integer(std::move(b));
        }
        next();
        return c;
      }
      case TokenKind::kFloat: {
        Expr* c = new_expr(ExprKind::kConst, off);
        c->value = Value::floating(t.number);
        next();
        return c;
      }
      case TokenKind::kOp:
        if (t.opcode == op_code("(")) {
          next();
          Expr* e = parse_tuple(false, true, true);
          expect_op(")");
          return e;
        }
        if (t.opcode == op_code("[")) return parse_list();
        if (t.opcode == op_code("{")) return parse_dict();
        break;
      default:
        break;
    }
    fail_unexpected();
  }

  // Where a tuple may end after a comma. Jinja2 also passes "extra end rules" (the `in` of a
  // for target, its `recursive`), but Token.test_any receives them as one tuple argument and
  // never matches, so after a comma those names parse as items: `for x in 1, 2, recursive`
  // iterates three items. docforge does the same.
  bool tuple_end() const {
    const Token& t = cur();
    if (t.kind == TokenKind::kVarEnd || t.kind == TokenKind::kBlockEnd ||
        t.kind == TokenKind::kEof) {
      return true;
    }
    if (t.kind == TokenKind::kOp &&
        (t.opcode == op_code(")") || t.opcode == op_code("]") || t.opcode == op_code("}"))) {
      return true;
    }
    return false;
  }

  Expr* parse_tuple(bool simplified, bool with_condexpr, bool explicit_parens) {
    std::uint32_t off = cur().offset;
    SmallVec<Expr*, 4> items;
    bool is_tuple = false;
    while (true) {
      if (!items.empty()) expect_op(",");
      if (tuple_end()) break;
      if (simplified) {
        items.push_back(parse_primary());
      } else {
        items.push_back(parse_expression(with_condexpr));
      }
      if (is_op(",")) {
        is_tuple = true;
      } else {
        break;
      }
    }
    if (!is_tuple) {
      if (!items.empty()) return items[0];
      if (!explicit_parens) {
        if (cur().kind == TokenKind::kEof) fail_here("unexpected end of template");
        fail_here(fmt::format("Expected an expression, got '{}'", describe(cur())));
      }
    }
    Expr* t = new_expr(ExprKind::kTuple, off);
    for (Expr* item : items) t->kids.push_back(item);
    return t;
  }

  Expr* parse_list() {
    std::uint32_t off = cur().offset;
    expect_op("[");
    Expr* l = new_expr(ExprKind::kList, off);
    while (!is_op("]")) {
      if (!l->kids.empty()) expect_op(",");
      if (is_op("]")) break;
      l->kids.push_back(parse_expression(true));
    }
    expect_op("]");
    return l;
  }

  Expr* parse_dict() {
    std::uint32_t off = cur().offset;
    expect_op("{");
    Expr* d = new_expr(ExprKind::kDict, off);
    while (!is_op("}")) {
      if (!d->kids.empty()) expect_op(",");
      if (is_op("}")) break;
      Expr* k = parse_expression(true);
      expect_op(":");
      Expr* v = parse_expression(true);
      d->kids.push_back(k);
      d->kids.push_back(v);
    }
    expect_op("}");
    return d;
  }

  Expr* parse_postfix(Expr* e) {
    while (true) {
      if (is_op(".") || is_op("[")) {
        e = parse_subscript(e);
      } else if (is_op("(")) {
        e = parse_call(e);
      } else {
        return e;
      }
    }
  }

  Expr* parse_filter_expr(Expr* e) {
    while (true) {
      if (is_op("|")) {
        next();
        e = parse_filter(e, false);
      } else if (is_name("is")) {
        e = parse_test(e);
      } else if (is_op("(")) {
        e = parse_call(e);
      } else {
        return e;
      }
    }
  }

  Expr* parse_subscript(Expr* e) {
    std::uint32_t off = cur().offset;
    if (skip_op(".")) {
      if (cur().kind == TokenKind::kName) {
        Expr* g = new_expr(ExprKind::kGetAttr, off);
        g->name = std::string(cur().text);
        if (is_dict_method(g->name)) g->op = 1;
        g->kids = {e};
        next();
        return g;
      }
      if (cur().kind == TokenKind::kInt) {
        Expr* k = new_expr(ExprKind::kConst, cur().offset);
        k->value = Value::integer(parse_small_int(cur().value));
        next();
        Expr* g = new_expr(ExprKind::kGetItem, off);
        g->kids = {e, k};
        return g;
      }
      fail_here(fmt::format("expected name or number"));
    }
    expect_op("[");
    std::vector<Expr*> args;
    bool slice = false;
    Expr* sl = nullptr;
    while (!is_op("]")) {
      if (!args.empty() || sl != nullptr) expect_op(",");
      Expr* a = parse_subscribed(&slice);
      args.push_back(a);
    }
    expect_op("]");
    (void)sl;
    Expr* idx;
    if (args.size() == 1) {
      idx = args[0];
    } else {
      idx = new_expr(ExprKind::kTuple, off);
      idx->kids = args;
    }
    if (idx->kind == ExprKind::kSlice) {
      idx->kids[0] = e;
      return idx;
    }
    Expr* g = new_expr(ExprKind::kGetItem, off);
    g->kids = {e, idx};
    return g;
  }

  // One subscript element: an expression or a slice a:b:c (kSlice with kids[0] a placeholder).
  Expr* parse_subscribed(bool* slice) {
    std::uint32_t off = cur().offset;
    Expr* a = nullptr;
    if (!is_op(":")) {
      a = parse_expression(true);
      if (!is_op(":")) return a;
    }
    *slice = true;
    next();  // ':'
    Expr* b = nullptr;
    Expr* c = nullptr;
    if (!is_op("]") && !is_op(",") && !is_op(":")) b = parse_expression(true);
    if (skip_op(":")) {
      if (!is_op("]") && !is_op(",")) c = parse_expression(true);
    }
    Expr* s = new_expr(ExprKind::kSlice, off);
    s->kids = {nullptr, a, b, c};
    return s;
  }

  void parse_call_args(Expr* call) {
    expect_op("(");
    bool first = true;
    while (!is_op(")")) {
      if (!first) {
        expect_op(",");
        if (is_op(")")) break;
      }
      first = false;
      if (skip_op("*")) {
        call->dyn_args = parse_expression(true);
      } else if (skip_op("**")) {
        call->dyn_kwargs = parse_expression(true);
      } else if (cur().kind == TokenKind::kName && peek().kind == TokenKind::kOp &&
                 peek().opcode == op_code("=")) {
        std::string k(cur().text);
        next();
        next();
        call->kwargs.emplace_back(std::move(k), parse_expression(true));
      } else {
        if (!call->kwargs.empty() || call->dyn_args || call->dyn_kwargs) {
          fail_here("invalid syntax for function call expression");
        }
        call->kids.push_back(parse_expression(true));
      }
    }
    next();
  }

  Expr* parse_call(Expr* callee) {
    std::uint32_t off = cur().offset;
    if (callee->kind == ExprKind::kFree && callee->name == "super") {
      Expr* c = new_expr(ExprKind::kSuper, callee->offset);
      Expr* dummy = new_expr(ExprKind::kCall, off);
      parse_call_args(dummy);
      return c;
    }
    Expr* c = new_expr(ExprKind::kCall, off);
    c->kids.push_back(callee);
    parse_call_args(c);
    return c;
  }

  Expr* parse_filter(Expr* subject, bool start_inline) {
    (void)start_inline;
    std::uint32_t off = cur().offset;
    std::string name = expect_name();
    while (skip_op(".")) name += "." + expect_name();
    Expr* f = new_expr(ExprKind::kFilter, off);
    f->name = name;
    f->kids.push_back(subject);
    if (is_op("(")) parse_call_args(f);
    f->native = env_.find_filter(name);
    if (f->native == nullptr) {
      f->filter_fn = find_builtin_filter(name);
      if (f->filter_fn == nullptr) fail_at(off, fmt::format("No filter named '{}'.", name));
    }
    return f;
  }

  Expr* parse_test(Expr* subject) {
    std::uint32_t off = cur().offset;
    next();  // is
    bool negated = skip_name("not");
    std::string name = expect_name();
    while (skip_op(".")) name += "." + expect_name();
    Expr* t = new_expr(ExprKind::kTest, off);
    t->name = name;
    t->op = negated ? 1 : 0;
    t->kids.push_back(subject);
    if (is_op("(")) {
      parse_call_args(t);
    } else if ((cur().kind == TokenKind::kName || cur().kind == TokenKind::kString ||
                cur().kind == TokenKind::kInt || cur().kind == TokenKind::kFloat ||
                is_op("[") || is_op("{")) &&
               !is_name("else") && !is_name("or") && !is_name("and")) {
      if (is_name("is")) fail_here("You cannot chain multiple tests with is");
      Expr* arg = parse_primary();
      arg = parse_postfix(arg);
      t->kids.push_back(arg);
    }
    t->native = env_.find_test(name);
    if (t->native == nullptr) {
      t->test_fn = find_builtin_test(name);
      // Jinja2 3.1 reports unknown tests at run time (inside conditionals) — we report it
      // when the test is evaluated, too.
    }
    return t;
  }

  Template::Impl* t_;
  const Environment::Impl& env_;
  std::vector<Token> toks_;
  std::vector<std::unique_ptr<std::string>> decoded_;  // text some tokens point to
  std::size_t i_ = 0;
  std::vector<FuncInfo> funcs_;
  std::vector<EndTags> end_stack_;
  bool autoescape_ = false;
  bool no_init_ = false;  // targets assigned on scope entry (loop and with targets)
  int nesting_ = 0;

 public:
  void set_autoescape(bool on) { autoescape_ = on; }
};

}  // namespace

void compile_template(Template::Impl* impl, const Environment::Impl& env) {
  LexOptions lo;
  lo.syntax = env.options.syntax;
  lo.trim_blocks = env.options.trim_blocks;
  lo.lstrip_blocks = env.options.lstrip_blocks;
  lo.keep_trailing_newline = env.options.keep_trailing_newline;
  impl->lines = LineIndex(impl->source);
  Tokens toks = tokenize(impl->source, lo);
  Parser p(impl, env, std::move(toks));
  p.set_autoescape(impl->autoescape);
  p.parse();
  std::size_t hint = 0;
  impl->stmts.for_each([&hint](const Stmt& s) {
    if (s.kind == StmtKind::kData) hint += s.text.size();
  });
  impl->size_hint = hint + hint / 4 + 64;
}

}  // namespace docforge::tmpl
