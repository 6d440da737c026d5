// Every page of a TIFF file, through libtiff reading from memory. Any
// compression libtiff supports (including CCITT G3/G4 fax and JPEG) and any
// photometric interpretation come out as 8-bit gray. Thread-safe: errors are
// collected per file, not through a global.
#ifndef INTAKE_CAPTURE_TIFF_DECODE_H_
#define INTAKE_CAPTURE_TIFF_DECODE_H_

#include <string_view>
#include <vector>

#include "capture/decode.h"

namespace intake::capture {

Result<std::vector<PageImage>> DecodeTiff(std::string_view bytes,
                                          const DecodeLimits& limits);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_TIFF_DECODE_H_
