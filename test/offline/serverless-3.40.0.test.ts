import { describeOffline } from './offline-suite';

describeOffline('serverless', '3.40.0');
