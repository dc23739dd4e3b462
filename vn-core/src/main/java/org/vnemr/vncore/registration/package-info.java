/** Registration by scanning the QR code of the chip CCCD card: the parsed fields and a new Patient draft. */
package org.vnemr.vncore.registration;
