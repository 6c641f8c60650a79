/**
 * The Socket.IO client library, behind one module so that it is fetched on demand (`lib/socket.ts`): visitors on the
 * sign-in page and the public home never download it, a signed-in tab fetches it while it asks who is signed in.
 */
export { io } from 'socket.io-client';
