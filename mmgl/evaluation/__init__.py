from .features import extract_pooled_features
from .knn import knn_accuracy, knn_predict

__all__ = ['extract_pooled_features', 'knn_accuracy', 'knn_predict']
