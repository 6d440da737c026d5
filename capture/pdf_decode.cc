#include "capture/pdf_decode.h"

#include <poppler-document.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "capture/pdf_images.h"

namespace intake::capture {
namespace {

// Poppler reports problems through one process-wide callback; we drop them so
// that users see only our one line. Called on the thread doing the work.
void DropPopplerMessage(const std::string&, void*) {}

void SilencePopplerOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(DropPopplerMessage, nullptr);
  });
}

// A file cut short loses its trailer; poppler would rebuild what it can and
// call the rest a success.
bool HasEndMarker(std::string_view bytes) {
  size_t tail = bytes.size() > 2048 ? bytes.size() - 2048 : 0;
  return bytes.find("%%EOF", tail) != std::string_view::npos;
}

struct Dpi {
  int x = kPdfVectorDpi;
  int y = kPdfVectorDpi;
};

// The scan resolution implied by an image of `image` pixels filling a page of
// w_pt x h_pt points (unrotated), or the vector default when the image does
// not look like a page scan (too small, or the wrong shape: a logo).
Dpi ChooseDpi(PdfPageImage image, double w_pt, double h_pt) {
  if (image.width <= 0 || image.height <= 0 || w_pt <= 0 || h_pt <= 0) {
    return {};
  }
  double dx = image.width * 72.0 / w_pt;
  double dy = image.height * 72.0 / h_pt;
  // An image turned a quarter inside the page: its width spans the height.
  double tx = image.height * 72.0 / w_pt;
  double ty = image.width * 72.0 / h_pt;
  auto skew = [](double a, double b) {
    return std::max(a, b) / std::min(a, b);
  };
  if (skew(tx, ty) < skew(dx, dy)) {
    dx = tx;
    dy = ty;
  }
  if (std::min(dx, dy) < 50 || skew(dx, dy) > 2.2) return {};
  if (skew(dx, dy) < 1.1) dx = dy = std::max(dx, dy);
  auto clamp = [](double d) {
    return std::clamp(static_cast<int>(std::lround(d)), kPdfMinDpi, kPdfMaxDpi);
  };
  return {clamp(dx), clamp(dy)};
}

std::string Utf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// The page's text objects as words in reading order, boxes scaled from
// points (top-left origin, as displayed) to the rendered image's pixels.
std::optional<TextLayer> ReadTextLayer(const poppler::page& page,
                                       double scale_x, double scale_y,
                                       int width, int height) {
  std::vector<poppler::text_box> boxes = page.text_list();
  TextLayer layer;
  double line_top = 0, line_bottom = 0;
  for (const poppler::text_box& box : boxes) {
    std::string text = Utf8(box.text());
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
    poppler::rectf r = box.bbox();
    Word word;
    word.text = std::move(text);
    word.x =
        std::clamp(static_cast<int>(std::floor(r.x() * scale_x)), 0, width);
    word.y =
        std::clamp(static_cast<int>(std::floor(r.y() * scale_y)), 0, height);
    int right = std::clamp(
        static_cast<int>(std::ceil((r.x() + r.width()) * scale_x)), 0, width);
    int bottom = std::clamp(
        static_cast<int>(std::ceil((r.y() + r.height()) * scale_y)), 0, height);
    word.w = right - word.x;
    word.h = bottom - word.y;
    word.confidence = 1;
    double middle = r.y() + r.height() / 2;
    if (!layer.words.empty()) {
      const Word& last = layer.words.back();
      bool same_line =
          middle >= line_top && middle <= line_bottom && word.x >= last.x;
      layer.text += same_line ? ' ' : '\n';
      if (!same_line) line_top = r.y(), line_bottom = r.y() + r.height();
    } else {
      line_top = r.y();
      line_bottom = r.y() + r.height();
    }
    layer.text += word.text;
    layer.words.push_back(std::move(word));
  }
  if (layer.words.empty()) return std::nullopt;
  return layer;
}

Result<PageImage> RenderPage(const poppler::page& page, PdfPageImage scan,
                             int number, const DecodeLimits& limits) {
  const std::string where = "PDF page " + std::to_string(number);
  poppler::rectf box = page.page_rect(poppler::crop_box);
  Dpi dpi = ChooseDpi(scan, box.width(), box.height());
  double w_pt = box.width(), h_pt = box.height();
  poppler::page::orientation_enum o = page.orientation();
  if (o == poppler::page::landscape || o == poppler::page::seascape) {
    std::swap(dpi.x, dpi.y);
    std::swap(w_pt, h_pt);
  }
  double w_px = std::ceil(w_pt * dpi.x / 72.0);
  double h_px = std::ceil(h_pt * dpi.y / 72.0);
  if (w_px < 1 || h_px < 1) return Status::Corrupt(where + " has no size");
  if (w_px * h_px > static_cast<double>(limits.max_pixels_per_page)) {
    return Status::Unsupported(
        where + " at " + std::to_string(dpi.x) + " dpi would be " +
        std::to_string(static_cast<long long>(w_px)) + "x" +
        std::to_string(static_cast<long long>(h_px)) +
        " pixels, larger than the page limit");
  }
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image image = renderer.render_page(&page, dpi.x, dpi.y);
  if (!image.is_valid() || image.format() != poppler::image::format_gray8 ||
      image.width() <= 0 || image.height() <= 0) {
    return Status::Corrupt(where + " cannot be rendered (damaged file)");
  }
  PageImage out;
  out.width = image.width();
  out.height = image.height();
  out.channels = 1;
  out.dpi_x = dpi.x;
  out.dpi_y = dpi.y;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  const char* rows = image.const_data();
  for (int y = 0; y < out.height; ++y) {
    std::memcpy(&out.pixels[static_cast<size_t>(y) * out.width],
                rows + static_cast<size_t>(y) * image.bytes_per_row(),
                out.width);
  }
  out.text_layer = ReadTextLayer(page, out.width / w_pt, out.height / h_pt,
                                 out.width, out.height);
  return out;
}

}  // namespace

Result<std::vector<PageImage>> DecodePdf(std::string_view bytes,
                                         const DecodeLimits& limits) {
  SilencePopplerOnce();
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return Status::Unsupported("PDF larger than 2 GB");
  }
  if (!HasEndMarker(bytes)) {
    return Status::Corrupt("truncated PDF (no %%EOF marker)");
  }
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(bytes.size())));
  if (doc == nullptr) {
    return Status::Corrupt("cannot open PDF (damaged file)");
  }
  if (doc->is_locked()) {
    return Status::Unsupported("PDF is password-protected");
  }
  const int count = doc->pages();
  if (count <= 0) return Status::Corrupt("PDF has no pages");
  if (count > limits.max_pages) {
    return Status::Unsupported("PDF has more than " +
                               std::to_string(limits.max_pages) + " pages");
  }
  std::vector<PdfPageImage> scans = LargestImagePerPage(bytes, count);
  // A page tree we read differently from poppler tells us nothing reliable.
  if (static_cast<int>(scans.size()) != count) scans.assign(count, {});
  std::vector<PageImage> pages;
  for (int i = 0; i < count; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (page == nullptr) {
      return Status::Corrupt("PDF page " + std::to_string(i + 1) +
                             " is damaged");
    }
    Result<PageImage> image = RenderPage(*page, scans[i], i + 1, limits);
    if (!image.ok()) return image.status();
    pages.push_back(std::move(image).value());
  }
  return pages;
}

}  // namespace intake::capture
