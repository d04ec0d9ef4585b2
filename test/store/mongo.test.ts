import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { openMongoStore } from '../../server/store/mongo/mongo-store.ts';
import { runStoreContract } from './contract.ts';

// Runs only where a MongoDB replica set is reachable: MONGODB_URI=mongodb://host/?replicaSet=rs0 npm test
const baseUri = process.env.MONGODB_URI;

runStoreContract(
  'mongo',
  async () => {
    const url = new URL(baseUri!);
    url.pathname = `/irru_contract_${randomUUID().slice(0, 8)}`;
    const store = await openMongoStore(url.toString());
    return {
      store,
      async dispose() {
        await store.close();
        const connection = await mongoose.createConnection(url.toString()).asPromise();
        await connection.dropDatabase();
        await connection.close();
      },
    };
  },
  { skip: baseUri ? false : 'MONGODB_URI is not set: no MongoDB server on this machine' },
);
