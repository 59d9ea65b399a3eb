import { describeOffline } from './offline-suite';

describeOffline('serverless', '1.83.3');
