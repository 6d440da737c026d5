#include "capture/pdf_images.h"

#include <zlib.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace intake::capture {
namespace {

constexpr int kMaxDepth = 32;                      // nesting of values
constexpr size_t kMaxInflated = size_t{64} << 20;  // per object stream
constexpr int kMaxObjectsPerStream = 1'000'000;

// A parsed PDF value. Strings are skipped, not kept: nothing here needs them.
struct Value {
  enum class Kind {
    kNull,
    kBool,
    kNumber,
    kName,
    kString,
    kArray,
    kDict,
    kRef
  };
  Kind kind = Kind::kNull;
  double number = 0;
  int ref = 0;       // object number of a reference
  std::string name;  // without the slash
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> entries;

  const Value* Get(std::string_view key) const {
    for (const auto& [k, v] : entries) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  bool IsName(std::string_view n) const {
    return kind == Kind::kName && name == n;
  }
};

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' ||
         c == '\0';
}
bool IsDelimiter(char c) {
  return IsSpace(c) || c == '/' || c == '<' || c == '>' || c == '[' ||
         c == ']' || c == '(' || c == ')' || c == '%' || c == '{' || c == '}';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  Parser(std::string_view bytes, size_t pos) : s_(bytes), pos_(pos) {}
  size_t pos() const { return pos_; }

  void SkipSpace() {
    while (pos_ < s_.size()) {
      if (IsSpace(s_[pos_])) {
        ++pos_;
      } else if (s_[pos_] == '%') {
        while (pos_ < s_.size() && s_[pos_] != '\n' && s_[pos_] != '\r') ++pos_;
      } else {
        break;
      }
    }
  }

  bool Parse(Value* v, int depth = 0) {
    if (depth > kMaxDepth) return false;
    SkipSpace();
    if (pos_ >= s_.size()) return false;
    char c = s_[pos_];
    if (c == '/') {
      v->kind = Value::Kind::kName;
      v->name = Token(pos_ + 1);
      return true;
    }
    if (c == '<' && Peek(1) == '<') return ParseDict(v, depth);
    if (c == '<') return SkipUntil('>', Value::Kind::kString, v);
    if (c == '(') return SkipLiteralString(v);
    if (c == '[') return ParseArray(v, depth);
    if (IsDigit(c) || c == '-' || c == '+' || c == '.') return ParseNumber(v);
    std::string word = Token(pos_);
    if (word == "true" || word == "false") {
      v->kind = Value::Kind::kBool;
      return true;
    }
    return word == "null";
  }

 private:
  char Peek(size_t ahead) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }

  // Reads a regular token starting at `from` and moves past it.
  std::string Token(size_t from) {
    size_t end = from;
    while (end < s_.size() && !IsDelimiter(s_[end])) ++end;
    std::string t(s_.substr(from, end - from));
    pos_ = end;
    return t;
  }

  bool ParseDict(Value* v, int depth) {
    pos_ += 2;
    v->kind = Value::Kind::kDict;
    for (;;) {
      SkipSpace();
      if (pos_ + 1 >= s_.size()) return false;
      if (s_[pos_] == '>' && s_[pos_ + 1] == '>') {
        pos_ += 2;
        return true;
      }
      if (s_[pos_] != '/') return false;
      std::string key = Token(pos_ + 1);
      Value item;
      if (!Parse(&item, depth + 1)) return false;
      v->entries.emplace_back(std::move(key), std::move(item));
    }
  }

  bool ParseArray(Value* v, int depth) {
    ++pos_;
    v->kind = Value::Kind::kArray;
    for (;;) {
      SkipSpace();
      if (pos_ >= s_.size()) return false;
      if (s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      Value item;
      if (!Parse(&item, depth + 1)) return false;
      v->items.push_back(std::move(item));
    }
  }

  // A number, or "num gen R" when an integer is followed by those tokens.
  bool ParseNumber(Value* v) {
    std::string t = Token(pos_);
    char* end = nullptr;
    v->kind = Value::Kind::kNumber;
    v->number = std::strtod(t.c_str(), &end);
    bool integer =
        t.find('.') == std::string::npos && !t.empty() && IsDigit(t[0]);
    if (!integer) return true;
    size_t save = pos_;
    SkipSpace();
    if (pos_ < s_.size() && IsDigit(s_[pos_])) {
      Token(pos_);
      SkipSpace();
      if (pos_ < s_.size() && s_[pos_] == 'R' &&
          (pos_ + 1 == s_.size() || IsDelimiter(s_[pos_ + 1]))) {
        ++pos_;
        v->kind = Value::Kind::kRef;
        v->ref = static_cast<int>(v->number);
        return true;
      }
    }
    pos_ = save;
    return true;
  }

  bool SkipUntil(char close, Value::Kind kind, Value* v) {
    size_t end = s_.find(close, pos_);
    if (end == std::string_view::npos) return false;
    pos_ = end + 1;
    v->kind = kind;
    return true;
  }

  bool SkipLiteralString(Value* v) {
    int nesting = 0;
    for (; pos_ < s_.size(); ++pos_) {
      char c = s_[pos_];
      if (c == '\\') {
        ++pos_;
      } else if (c == '(') {
        ++nesting;
      } else if (c == ')' && --nesting == 0) {
        ++pos_;
        v->kind = Value::Kind::kString;
        return true;
      }
    }
    return false;
  }

  std::string_view s_;
  size_t pos_;
};

bool Inflate(std::string_view in, std::string* out) {
  z_stream z{};
  if (inflateInit(&z) != Z_OK) return false;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char chunk[1 << 16];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof(chunk);
    rc = inflate(&z, Z_NO_FLUSH);
    out->append(chunk, sizeof(chunk) - z.avail_out);
    if (out->size() > kMaxInflated) rc = Z_MEM_ERROR;
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // cut short: keep it
  }
  inflateEnd(&z);
  return rc == Z_STREAM_END || rc == Z_BUF_ERROR;
}

// Every object of the file by number, the last definition winning as with
// incremental updates, found by scanning for "N G obj" headers.
class ObjectIndex {
 public:
  explicit ObjectIndex(std::string_view bytes) : s_(bytes) { Scan(); }

  const Value* Resolve(const Value* v) const {
    if (v == nullptr || v->kind != Value::Kind::kRef) return v;
    auto it = objects_.find(v->ref);
    return it == objects_.end() ? nullptr : &it->second;
  }
  const Value* root() const { return Resolve(&root_); }

 private:
  // Matches "<digits> <digits> " right before s_[at] ("obj").
  bool HeaderBefore(size_t at, int* number) const {
    size_t i = at;
    auto digits_back = [&](size_t* start) {
      size_t end = i;
      while (i > 0 && IsDigit(s_[i - 1])) --i;
      *start = i;
      return i < end;
    };
    auto spaces_back = [&] {
      size_t end = i;
      while (i > 0 && IsSpace(s_[i - 1])) --i;
      return i < end;
    };
    size_t gen = 0, num = 0;
    if (!spaces_back() || !digits_back(&gen) || !spaces_back() ||
        !digits_back(&num)) {
      return false;
    }
    if (num > 0 && !IsDelimiter(s_[num - 1])) return false;
    if (gen - num > 12) return false;
    *number = std::atoi(std::string(s_.substr(num, 10)).c_str());
    return true;
  }

  void Scan() {
    size_t pos = 0;
    size_t root_at = 0;
    while ((pos = s_.find("obj", pos)) != std::string_view::npos) {
      size_t at = pos;
      pos += 3;
      int number = 0;
      if ((pos < s_.size() && !IsDelimiter(s_[pos])) ||
          !HeaderBefore(at, &number)) {
        continue;
      }
      Parser p(s_, pos);
      Value v;
      if (!p.Parse(&v)) continue;
      pos = p.pos();
      p.SkipSpace();
      std::string_view stream;
      if (s_.substr(p.pos(), 6) == "stream")
        pos = StreamData(v, p.pos() + 6, &stream);
      if (v.Get("Type") != nullptr && v.Get("Type")->IsName("XRef") &&
          v.Get("Root") != nullptr) {
        root_ = *v.Get("Root");
        root_at = at;
      }
      bool object_stream = v.Get("Type") && v.Get("Type")->IsName("ObjStm");
      if (object_stream) ExpandObjectStream(v, stream);
      objects_[number] = std::move(v);
    }
    // Linearized files have a first-page trailer with /Root and a last one
    // without: take the last trailer that names the catalog.
    for (size_t t = s_.find("trailer"); t != std::string_view::npos;
         t = s_.find("trailer", t + 7)) {
      Parser p(s_, t + 7);
      Value dict;
      if (t > root_at && p.Parse(&dict) && dict.Get("Root") != nullptr) {
        root_ = *dict.Get("Root");
        root_at = t;
      }
    }
  }

  // Sets *data to the stream's bytes and returns where scanning goes on.
  size_t StreamData(const Value& dict, size_t start, std::string_view* data) {
    if (start < s_.size() && s_[start] == '\r') ++start;
    if (start < s_.size() && s_[start] == '\n') ++start;
    const Value* length = dict.Get("Length");
    if (length != nullptr && length->kind == Value::Kind::kNumber &&
        length->number >= 0 && start + length->number <= s_.size()) {
      size_t end = start + static_cast<size_t>(length->number);
      Parser p(s_, end);
      p.SkipSpace();
      if (s_.substr(p.pos(), 9) == "endstream") {
        *data = s_.substr(start, end - start);
        return p.pos() + 9;
      }
    }
    size_t end = s_.find("endstream", start);
    if (end == std::string_view::npos) end = s_.size();
    *data = s_.substr(start, end - start);
    return end;
  }

  void ExpandObjectStream(const Value& dict, std::string_view stream) {
    const Value* filter = dict.Get("Filter");
    if (filter != nullptr && filter->kind == Value::Kind::kArray &&
        filter->items.size() == 1) {
      filter = &filter->items[0];
    }
    if (filter == nullptr || !filter->IsName("FlateDecode") ||
        dict.Get("DecodeParms") != nullptr) {
      return;
    }
    const Value* n = dict.Get("N");
    const Value* first = dict.Get("First");
    if (n == nullptr || first == nullptr || n->number <= 0 ||
        n->number > kMaxObjectsPerStream || first->number < 0) {
      return;
    }
    std::string data;
    if (!Inflate(stream, &data)) return;
    Parser header(data, 0);
    for (int i = 0; i < static_cast<int>(n->number); ++i) {
      Value number, offset;
      if (!header.Parse(&number) || !header.Parse(&offset)) return;
      size_t at = static_cast<size_t>(first->number + offset.number);
      if (at >= data.size()) return;
      Parser body(data, at);
      Value v;
      if (body.Parse(&v))
        objects_[static_cast<int>(number.number)] = std::move(v);
    }
  }

  std::string_view s_;
  std::unordered_map<int, Value> objects_;
  Value root_;
};

class PageWalker {
 public:
  PageWalker(const ObjectIndex& index, const Value& catalog, int max_pages)
      : index_(index), max_pages_(max_pages) {
    const Value* props = index_.Resolve(catalog.Get("OCProperties"));
    const Value* config = props ? index_.Resolve(props->Get("D")) : nullptr;
    const Value* off = config ? index_.Resolve(config->Get("OFF")) : nullptr;
    if (off == nullptr || off->kind != Value::Kind::kArray) return;
    for (const Value& ocg : off->items) {
      if (ocg.kind == Value::Kind::kRef) off_.insert(ocg.ref);
    }
  }

  // False when the tree is broken or too large.
  bool Walk(const Value* node_ref, const Value* resources, int depth) {
    if (depth > kMaxDepth || !Visit(node_ref)) return false;
    const Value* node = index_.Resolve(node_ref);
    if (node == nullptr || node->kind != Value::Kind::kDict) return false;
    if (const Value* own = node->Get("Resources")) resources = own;
    const Value* kids = index_.Resolve(node->Get("Kids"));
    if (kids == nullptr) {
      if (static_cast<int>(pages_.size()) >= max_pages_) return false;
      PdfPageImage best;
      std::unordered_set<int> seen;
      LargestImage(resources, 0, &seen, &best);
      pages_.push_back(best);
      return true;
    }
    if (kids->kind != Value::Kind::kArray) return false;
    for (const Value& kid : kids->items) {
      if (!Walk(&kid, resources, depth + 1)) return false;
    }
    return true;
  }

  std::vector<PdfPageImage> TakePages() { return std::move(pages_); }

 private:
  bool Visit(const Value* v) {
    if (v == nullptr || v->kind != Value::Kind::kRef) return true;
    return visited_.insert(v->ref).second;  // a cycle otherwise
  }

  bool IsOff(const Value& ocg) const {
    return ocg.kind == Value::Kind::kRef && off_.count(ocg.ref) > 0;
  }

  // Whether optional content `oc` (an OCG or a membership dictionary) is
  // hidden in the default view, as poppler renders it: a hidden background
  // scan must not set the page's resolution.
  bool Hidden(const Value* oc) const {
    if (oc == nullptr) return false;
    if (IsOff(*oc)) return true;
    const Value* md = index_.Resolve(oc);
    if (md == nullptr || md->Get("OCGs") == nullptr) return false;
    const Value* ocgs = md->Get("OCGs");
    if (IsOff(*ocgs)) return true;
    ocgs = index_.Resolve(ocgs);
    if (ocgs == nullptr || ocgs->kind != Value::Kind::kArray) return false;
    size_t off = 0;
    for (const Value& g : ocgs->items) off += IsOff(g);
    const Value* policy = md->Get("P");
    size_t n = ocgs->items.size();
    if (policy != nullptr && policy->IsName("AllOn")) return off > 0;
    if (policy != nullptr && policy->IsName("AnyOff")) return off == 0;
    if (policy != nullptr && policy->IsName("AllOff")) return off < n;
    return n > 0 && off == n;  // AnyOn, the default
  }

  int Integer(const Value* v) const {
    v = index_.Resolve(v);
    if (v == nullptr || v->kind != Value::Kind::kNumber) return 0;
    if (v->number < 0 || v->number > 1e6) return 0;
    return static_cast<int>(v->number);
  }

  void LargestImage(const Value* resources, int depth,
                    std::unordered_set<int>* seen, PdfPageImage* best) const {
    resources = index_.Resolve(resources);
    if (resources == nullptr || depth > 8) return;
    const Value* xobjects = index_.Resolve(resources->Get("XObject"));
    if (xobjects == nullptr) return;
    for (const auto& [name, ref] : xobjects->entries) {
      if (ref.kind == Value::Kind::kRef && !seen->insert(ref.ref).second) {
        continue;
      }
      const Value* x = index_.Resolve(&ref);
      if (x == nullptr || x->Get("Subtype") == nullptr ||
          Hidden(x->Get("OC"))) {
        continue;
      }
      if (x->Get("Subtype")->IsName("Image")) {
        int w = Integer(x->Get("Width"));
        int h = Integer(x->Get("Height"));
        if (std::int64_t{w} * h > std::int64_t{best->width} * best->height) {
          *best = {w, h};
        }
      } else if (x->Get("Subtype")->IsName("Form")) {
        LargestImage(x->Get("Resources"), depth + 1, seen, best);
      }
    }
  }

  const ObjectIndex& index_;
  int max_pages_;
  std::unordered_set<int> visited_;
  std::unordered_set<int> off_;  // optional content groups hidden by default
  std::vector<PdfPageImage> pages_;
};

}  // namespace

std::vector<PdfPageImage> LargestImagePerPage(std::string_view bytes,
                                              int max_pages) {
  ObjectIndex index(bytes);
  const Value* catalog = index.root();
  if (catalog == nullptr || catalog->kind != Value::Kind::kDict) return {};
  PageWalker walker(index, *catalog, max_pages);
  if (!walker.Walk(catalog->Get("Pages"), nullptr, 0)) return {};
  return walker.TakePages();
}

}  // namespace intake::capture
