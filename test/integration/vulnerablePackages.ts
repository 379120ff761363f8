// A dpkg status database with versions ecr-local's feed knows to be vulnerable (the same one
// ecr-local's own docker push test scans): 2 CRITICAL, 1 HIGH, 2 MEDIUM, 1 LOW, with fixes for
// curl 7.88.1-10+deb12u4, libssl3 3.0.13-1~deb12u1 and zlib1g 1:1.2.11.dfsg-2+deb11u2.
export const VULNERABLE_DPKG_STATUS = [
  'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.7-1\nDescription: Secure Sockets Layer toolkit - shared libraries',
  'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.11.dfsg-2+deb11u1\nDescription: compression library - runtime',
  'Package: curl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 7.88.1-10+deb12u3\nDescription: command line tool for transferring data with URL syntax',
].join('\n\n');
