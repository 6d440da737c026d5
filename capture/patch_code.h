// Kodak patch codes: the separator sheets of document-feeder scanning.
//
// A patch code is four parallel black bars, two wide (0.2 in) and two narrow
// (0.08 in), separated by narrow spaces, at least about 0.75 in long: six
// patterns in all. zxing-cpp does not read them, so this does. Patch T
// (narrow wide narrow wide, "transfer") is the usual separator sheet.
// Bars run across the page (parallel to the leading edge) or down it, read
// from the top (or the left), the order a sheet feeds in. A sheet turned
// half round reads as its mirror pattern: T as 3, 1 as 6 (2 and 4 read the
// same either way). Pure function; thread-safe.
#ifndef INTAKE_CAPTURE_PATCH_CODE_H_
#define INTAKE_CAPTURE_PATCH_CODE_H_

#include <string>
#include <vector>

#include "common/document.h"

namespace intake::capture {

// The patch codes on the page, by name: "PATCH-1", "PATCH-2", "PATCH-3",
// "PATCH-4", "PATCH-6", "PATCH-T". The resolution comes from the page (else
// the page is taken as letter width).
std::vector<std::string> ReadPatchCodes(const PageImage& page);

}  // namespace intake::capture

#endif  // INTAKE_CAPTURE_PATCH_CODE_H_
