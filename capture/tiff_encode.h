// Encoding of page images as one multi-page TIFF in memory: the "original
// file" archived for a batch that came from a scanner rather than a file.
//
// Gray pages are stored as 8-bit gray, BGR pages as 8-bit RGB, both Deflate
// compressed with horizontal differencing (lossless), one page per directory
// in input order, with XResolution/YResolution in dots per inch when the page
// knows its dpi. capture::DecodePages reads the result back. Thread-safe:
// libtiff errors are collected per call.
#ifndef INTAKE_CAPTURE_TIFF_ENCODE_H_
#define INTAKE_CAPTURE_TIFF_ENCODE_H_

#include <string>
#include <vector>

#include "common/document.h"
#include "common/status.h"

namespace intake::capture {

// The TIFF file's bytes. An empty page list, or a page whose size, channels
// or pixel buffer do not agree, gives InvalidArgument naming the page.
Result<std::string> EncodeTiff(const std::vector<PageImage>& pages);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_TIFF_ENCODE_H_
