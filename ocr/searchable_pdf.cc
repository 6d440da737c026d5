#include "ocr/searchable_pdf.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <utility>

namespace intake::ocr {
namespace {

// Helvetica advance widths (AFM, 1/1000 em) for codes 32..126 as
// WinAnsiEncoding maps them (39 is quotesingle, 96 is grave). Only used to
// stretch a word to its box, so other codes fall back to a typical 556.
constexpr int kHelveticaWidths[95] = {
    278, 278, 355, 556, 556,  889, 667, 191, 333, 333, 389, 584, 278, 333,
    278, 278, 556, 556, 556,  556, 556, 556, 556, 556, 556, 556, 278, 278,
    584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
    500, 667, 556, 833, 722,  778, 667, 778, 722, 667, 611, 722, 667, 944,
    667, 667, 611, 278, 278,  278, 469, 556, 333, 556, 556, 500, 556, 556,
    278, 556, 556, 222, 222,  500, 222, 833, 556, 556, 556, 556, 333, 500,
    278, 556, 500, 722, 500,  500, 500, 334, 260, 334, 584};
constexpr int kSpaceWidth = 278;
// Helvetica's descender is 207/1000 em: the baseline sits this far above
// the bottom of a box that includes descenders.
constexpr double kDescent = 0.2;

int GlyphWidth(unsigned char c) {
  return c >= 32 && c <= 126 ? kHelveticaWidths[c - 32] : 556;
}

// Unicode code points of Windows-1252 bytes 0x80..0x9F (0 = unassigned).
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

char ToCp1252(char32_t cp) {
  if ((cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xFF)) {
    return static_cast<char>(cp);
  }
  for (int i = 0; i < 32; ++i) {
    if (kCp1252High[i] != 0 && kCp1252High[i] == cp) {
      return static_cast<char>(0x80 + i);
    }
  }
  return '?';  // control characters too: they would break the string
}

// Malformed UTF-8 sequences become '?' rather than failing the whole PDF.
std::string Utf8ToCp1252(std::string_view in) {
  std::string out;
  for (size_t i = 0; i < in.size();) {
    const auto b = static_cast<unsigned char>(in[i]);
    int len = b < 0x80         ? 1
              : (b >> 5) == 6  ? 2
              : (b >> 4) == 14 ? 3
              : (b >> 3) == 30 ? 4
                               : 0;
    char32_t cp = len == 1 ? b : len == 2 ? b & 0x1F : b & 0x0F;
    if (len == 4) cp = b & 0x07;
    bool ok = len > 0 && i + len <= in.size();
    for (int k = 1; ok && k < len; ++k) {
      const auto c = static_cast<unsigned char>(in[i + k]);
      ok = (c >> 6) == 2;
      cp = (cp << 6) | (c & 0x3F);
    }
    out += ok ? ToCp1252(cp) : '?';
    i += ok ? len : 1;
  }
  return out;
}

std::string PdfString(std::string_view cp1252) {
  std::string out = "(";
  for (char c : cp1252) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

// Locale-independent (snprintf's %f honours LC_NUMERIC), at most 2 decimals.
std::string Num(double v) {
  char buf[32];
  auto [end, ec] =
      std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed, 2);
  std::string s(buf, ec == std::errc() ? end : buf);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" || s.empty() ? "0" : s;
}

struct JpegInfo {
  int width = 0;
  int height = 0;
  int components = 0;
  int precision = 0;
};

// Walks the marker segments up to the first SOFn (any DCT flavour: PDF's
// DCTDecode reads baseline and progressive alike).
Result<JpegInfo> ReadJpegInfo(std::string_view j) {
  auto u8 = [&](size_t i) { return static_cast<unsigned char>(j[i]); };
  if (j.size() < 4 || u8(0) != 0xFF || u8(1) != 0xD8) {
    return Status::InvalidArgument("page image is not a JPEG");
  }
  size_t i = 2;
  while (i + 4 <= j.size()) {
    if (u8(i) != 0xFF) return Status::InvalidArgument("corrupt JPEG markers");
    const unsigned char m = u8(i + 1);
    if (m == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {  // no length field
      i += 2;
      continue;
    }
    const size_t len = (u8(i + 2) << 8) | u8(i + 3);
    const bool sof =
        m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    if (sof && len >= 8 && i + 2 + len <= j.size()) {
      return JpegInfo{(u8(i + 7) << 8) | u8(i + 8),
                      (u8(i + 5) << 8) | u8(i + 6), u8(i + 9), u8(i + 4)};
    }
    if (m == 0xDA || m == 0xD9 || len < 2) break;  // scan data: too late
    i += 2 + len;
  }
  return Status::InvalidArgument("JPEG has no SOF marker");
}

// A text line: words whose vertical centres lie within half a box height.
// Sharing one baseline and size per line keeps pdftotext from splitting it.
std::vector<std::vector<const Word*>> GroupLines(const std::vector<Word>& ws) {
  std::vector<const Word*> sorted;
  for (const Word& w : ws) {
    if (w.w > 0 && w.h > 0 && !w.text.empty()) sorted.push_back(&w);
  }
  auto cy = [](const Word* w) { return w->y + w->h / 2.0; };
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&](auto* a, auto* b) { return cy(a) < cy(b); });
  std::vector<std::vector<const Word*>> lines;
  for (const Word* w : sorted) {
    if (!lines.empty()) {
      const Word* first = lines.back().front();
      if (cy(w) - cy(first) < std::max(w->h, first->h) / 2.0) {
        lines.back().push_back(w);
        continue;
      }
    }
    lines.push_back({w});
  }
  for (auto& line : lines) {
    std::stable_sort(line.begin(), line.end(),
                     [](auto* a, auto* b) { return a->x < b->x; });
  }
  return lines;
}

int Median(std::vector<int> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// The invisible text layer: one BT block per line, each word stretched (Tz)
// to its box, followed by a space glyph stretched over the gap so viewers
// that copy glyphs (not geometry) also keep words apart.
std::string TextLayer(const PdfPage& page) {
  const double pt = 72.0 / page.dpi;
  std::string out;
  for (const auto& line : GroupLines(page.words)) {
    std::vector<int> heights, bottoms;
    for (const Word* w : line) {
      heights.push_back(w->h);
      bottoms.push_back(w->y + w->h);
    }
    const double size = Median(heights) * pt;
    const double baseline =
        (page.height - Median(bottoms)) * pt + kDescent * size;
    out += "BT\n3 Tr\n/F1 " + Num(size) + " Tf\n";
    for (size_t k = 0; k < line.size(); ++k) {
      const Word& w = *line[k];
      const std::string text = Utf8ToCp1252(w.text);
      int units = 0;
      for (char c : text) units += GlyphWidth(static_cast<unsigned char>(c));
      const double natural = size * units / 1000.0;
      out += "1 0 0 1 " + Num(w.x * pt) + " " + Num(baseline) + " Tm\n" +
             Num(100.0 * w.w * pt / natural) + " Tz\n" + PdfString(text) +
             " Tj\n";
      if (k + 1 == line.size()) break;
      const int gap = line[k + 1]->x - (w.x + w.w);
      // Tz 1 keeps a real space character even where boxes touch.
      const double space = size * kSpaceWidth / 1000.0;
      out += Num(std::max(1.0, 100.0 * gap * pt / space)) + " Tz\n( ) Tj\n";
    }
    out += "ET\n";
  }
  return out;
}

// Objects are numbered as they are appended; offsets feed the xref table.
class PdfWriter {
 public:
  PdfWriter() { out_ = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"; }
  void Object(int num, std::string_view body) {
    Mark(num);
    out_ += std::to_string(num) + " 0 obj\n";
    out_ += body;
    out_ += "\nendobj\n";
  }
  void Stream(int num, std::string_view dict, std::string_view data) {
    Mark(num);
    out_ += std::to_string(num) + " 0 obj\n<< " + std::string(dict) +
            " /Length " + std::to_string(data.size()) + " >>\nstream\n";
    out_ += data;
    out_ += "\nendstream\nendobj\n";
  }
  std::string Finish(int root, int info) {
    const size_t xref = out_.size();
    out_ += "xref\n0 " + std::to_string(offsets_.size()) + "\n";
    out_ += "0000000000 65535 f\r\n";
    for (size_t n = 1; n < offsets_.size(); ++n) {
      char entry[32];
      std::snprintf(entry, sizeof(entry), "%010zu 00000 n\r\n", offsets_[n]);
      out_ += entry;
    }
    out_ += "trailer\n<< /Size " + std::to_string(offsets_.size()) + " /Root " +
            std::to_string(root) + " 0 R /Info " + std::to_string(info) +
            " 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return std::move(out_);
  }

 private:
  void Mark(int num) {
    if (offsets_.size() <= static_cast<size_t>(num)) offsets_.resize(num + 1);
    offsets_[num] = out_.size();
  }
  std::string out_;
  std::vector<size_t> offsets_{0};
};

}  // namespace

Result<std::string> BuildSearchablePdf(const std::vector<PdfPage>& pages) {
  if (pages.empty()) return Status::InvalidArgument("PDF needs a page");
  std::vector<JpegInfo> infos;
  for (size_t i = 0; i < pages.size(); ++i) {
    const PdfPage& p = pages[i];
    const std::string where = "page " + std::to_string(i + 1) + ": ";
    if (p.width <= 0 || p.height <= 0 || p.dpi <= 0) {
      return Status::InvalidArgument(where + "non-positive size or dpi");
    }
    Result<JpegInfo> info = ReadJpegInfo(p.jpeg);
    if (!info.ok()) {
      return Status::InvalidArgument(where + info.status().message());
    }
    if (info->width != p.width || info->height != p.height) {
      return Status::InvalidArgument(
          where + "JPEG is " + std::to_string(info->width) + "x" +
          std::to_string(info->height) + ", page says " +
          std::to_string(p.width) + "x" + std::to_string(p.height));
    }
    if (info->precision != 8 ||
        (info->components != 1 && info->components != 3)) {
      return Status::InvalidArgument(where + "JPEG must be 8-bit gray or RGB");
    }
    infos.push_back(*info);
  }

  // 1 catalog, 2 page tree, 3 font, 4 info; then page, content, image.
  constexpr int kFirstPage = 5;
  auto page_obj = [](size_t i) { return kFirstPage + 3 * static_cast<int>(i); };
  PdfWriter pdf;
  pdf.Object(1, "<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) {
    kids += (i ? " " : "") + std::to_string(page_obj(i)) + " 0 R";
  }
  pdf.Object(2, "<< /Type /Pages /Kids [" + kids + "] /Count " +
                    std::to_string(pages.size()) + " >>");
  pdf.Object(3,
             "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
             "/Encoding /WinAnsiEncoding >>");
  pdf.Object(4, "<< /Producer (intake) >>");
  for (size_t i = 0; i < pages.size(); ++i) {
    const PdfPage& p = pages[i];
    const int n = page_obj(i);
    const std::string w = Num(p.width * 72.0 / p.dpi);
    const std::string h = Num(p.height * 72.0 / p.dpi);
    pdf.Object(n, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + w + " " + h +
                      "] /Resources << /XObject << /Im0 " +
                      std::to_string(n + 2) +
                      " 0 R >> /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(n + 1) + " 0 R >>");
    pdf.Stream(n + 1, "",
               "q " + w + " 0 0 " + h + " 0 0 cm /Im0 Do Q\n" + TextLayer(p));
    pdf.Stream(n + 2,
               "/Type /XObject /Subtype /Image /Width " +
                   std::to_string(p.width) + " /Height " +
                   std::to_string(p.height) + " /ColorSpace " +
                   (infos[i].components == 1 ? "/DeviceGray" : "/DeviceRGB") +
                   " /BitsPerComponent 8 /Filter /DCTDecode",
               p.jpeg);
  }
  return pdf.Finish(1, 4);
}

}  // namespace intake::ocr
