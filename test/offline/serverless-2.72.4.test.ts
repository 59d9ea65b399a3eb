import { describeOffline } from './offline-suite';

describeOffline('serverless', '2.72.4');
