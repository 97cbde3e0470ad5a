// zlib's public API, for gzip inputs. Only IDTrailIngest's GzipInflater uses it.
#include <zlib.h>
